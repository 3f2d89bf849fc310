package main

import (
	"strings"
	"testing"
)

// TestNoCommandQuotesASecretLine checks that no line holding a secret is
// printed under a problem, whichever path quotes it: a front matter that
// does not parse on a key's line with the secret rules turned off, a
// pmkb.toml that does not parse on a token's line (read from disk by
// build's quoting of other errors, and by pmkb new), and a line inside a
// pasted private key, which the secret rules do not see (they report its
// first line); nor does a problem's advice that quotes the line's value (a
// full-width colon: write "dsn: …"; a value with quotes, once quoted with
// single quotes), in a postmortem or in pmkb.yaml; nor pmkb search, which
// reports the config's problems itself.
func TestNoCommandQuotesASecretLine(t *testing.T) {
	const (
		awsKey = "AKIAZ7QF3XKJ4LMN2PQR"
		token  = "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
		keyRow = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW"
	)
	sites := map[string]map[string]string{
		"key in a broken front matter, secret rules off": {
			"pmkb.toml":                        "title = \"KB\"\n[lint.rules]\nsecret = \"off\"\n",
			"content/postmortems/2024/disk.md": strings.Replace(okPM, "severity: SEV2", "severity: ["+awsKey, 1),
		},
		"token in a broken config": {
			"pmkb.toml":                        "title = \"KB\"\ntoken = " + token + "\n",
			"content/postmortems/2024/disk.md": okPM,
		},
		// The full-width colon's advice quotes the line's value.
		"full-width colon before a password URL": {
			"content/postmortems/2024/disk.md": strings.Replace(okPM, "teams: [search]", "teams: [search]\ndsn：postgres://admin:Hunt3r2Secret@db.prod.acme.io/app", 1),
		},
		"full-width colon before a password URL, secret rules off": {
			"pmkb.toml":                        "title = \"KB\"\n[lint.rules]\nsecret = \"off\"\n",
			"content/postmortems/2024/disk.md": strings.Replace(okPM, "teams: [search]", "teams: [search]\ndsn：postgres://admin:Hunt3r2Secret@db.prod.acme.io/app", 1),
		},
		"full-width colon in pmkb.yaml": {
			"pmkb.yaml":                        "title: KB\nrepository： https://x:Hunt3r2Secret@git.acme.io/repo\n",
			"content/postmortems/2024/disk.md": okPM,
		},
		// A value holding a double quote was quoted with single quotes,
		// which the masking did not see.
		"colon in a value with quotes, secret rules off": {
			"pmkb.toml":                        "title = \"KB\"\n[lint.rules]\nsecret = \"off\"\n",
			"content/postmortems/2024/disk.md": strings.Replace(okPM, "teams: [search]", "teams: [search]\nimpact: see postgres://admin:Hunt3r2Secret@db.prod.acme.io/app: \"boom\"", 1),
		},
		// A value that starts with '[' (QA 12 F5), and text after " #"
		// (F1), whose advice quotes the value, on one line and on a
		// second line of the value (no excerpt shows all of it); an
		// unknown severity fails the run.
		"value starting with a bracket before a password URL, secret rules off": {
			"pmkb.toml":                        "title = \"KB\"\n[lint.rules]\nsecret = \"off\"\n",
			"content/postmortems/2024/disk.md": strings.Replace(okPM, "teams: [search]", "teams: [search]\nimpact: [SEV1] see postgres://admin:Hunt3r2Secret@db.prod.acme.io/app", 1),
		},
		"comment after a value with a password URL, secret rules off": {
			"pmkb.toml":                        "title = \"KB\"\n[lint.rules]\nsecret = \"off\"\n",
			"content/postmortems/2024/disk.md": strings.Replace(okPM, "severity: SEV2", "severity: SEV9\nimpact: boom #postgres://admin:Hunt3r2Secret@db.prod.acme.io/app", 1),
		},
		"comment after a value of two lines with a password URL, secret rules off": {
			"pmkb.toml":                        "title = \"KB\"\n[lint.rules]\nsecret = \"off\"\n",
			"content/postmortems/2024/disk.md": strings.Replace(okPM, "severity: SEV2", "severity: SEV9\nimpact: boom\n  again #postgres://admin:Hunt3r2Secret@db.prod.acme.io/app", 1),
		},
		// A tag or an anchor before a value of two lines: the warning
		// quotes the whole value, the excerpt only its first line, and
		// the secret is on the second (review of 95c7354). In tags,
		// which pmkb search does not print.
		"tag before a value of two lines with a password URL": {
			"content/postmortems/2024/disk.md": strings.Replace(okPM, "teams: [search]", "teams: [search]\ntags:\n  - !important boom\n    see postgres://admin:Hunt3r2Secret@db.prod.acme.io/app", 1),
		},
		"anchor before a value of two lines with a token": {
			"content/postmortems/2024/disk.md": strings.Replace(okPM, "teams: [search]", "teams: [search]\ntags:\n  - &x boom\n    see "+token, 1),
		},
		// No excerpt to check (the file holds a private key): the advice
		// is masked all the same.
		"full-width colon in a file with a private key, secret rules off": {
			"pmkb.toml":                        "title = \"KB\"\n[lint.rules]\nsecret = \"off\"\n",
			"content/postmortems/2024/disk.md": strings.Replace(okPM, "teams: [search]", "teams: [search]\nkey: |\n  -----BEGIN OPENSSH PRIVATE KEY-----\n  "+keyRow+"\n  -----END OPENSSH PRIVATE KEY-----\ndsn：postgres://admin:Hunt3r2Secret@db.prod.acme.io/app", 1),
		},
		"inside a PGP private key": {
			"content/postmortems/2024/disk.md": strings.Replace(okPM, "teams: [search]", "teams: [search]\nkey: |\n  -----BEGIN PGP PRIVATE KEY BLOCK-----\n\t"+keyRow+"\n  -----END PGP PRIVATE KEY BLOCK-----", 1),
		},
		"inside a private key": {
			"content/postmortems/2024/disk.md": strings.Replace(okPM, "teams: [search]", "teams: [search]\nkey: |\n  -----BEGIN OPENSSH PRIVATE KEY-----\n\t"+keyRow+"\n  -----END OPENSSH PRIVATE KEY-----", 1),
		},
	}
	for name, files := range sites {
		root := site(t, files)
		for _, cmd := range [][]string{{"build", "--source", root}, {"lint", "--source", root}, {"lint", "--source", root, "--format", "json"}, {"new", "--source", root, "Checkout down"}, {"search", "--source", root, "disk"}} {
			code, out, errOut := pmkb(t, cmd...)
			if code == exitOK && cmd[0] != "new" && cmd[0] != "search" {
				t.Errorf("%s: %v succeeded, want the problem reported:\n%s%s", name, cmd, out, errOut)
			}
			for _, secret := range []string{awsKey, token, keyRow[:20], "Hunt3r2Secret"} {
				if strings.Contains(out+errOut, secret) {
					t.Errorf("%s: %v prints a line holding %s:\n%s%s", name, cmd, secret[:6], out, errOut)
				}
			}
		}
	}
}
