package lint

import (
	"encoding/base64"
	"encoding/json"
	"math"
	"slices"
	"strings"
)

// The secret patterns below are adapted from the gitleaks default rule set
// (https://github.com/gitleaks/gitleaks, config/gitleaks.toml, MIT License,
// Copyright (c) 2019 Zachary Rice): aws-access-token, github-pat,
// github-oauth, github-app-token, github-refresh-token,
// github-fine-grained-pat, slack-bot-token/slack-user-token,
// slack-app-token, slack-webhook-url, stripe-access-token, jwt,
// private-key and generic-api-key. They were simplified for Go's RE2 and
// combined with pmkb's own placeholder and entropy checks, so that the
// examples people paste into postmortems (AKIAIOSFODNN7EXAMPLE, ${TOKEN},
// xxxx, <token>) pass.

// secretPattern is one single-line secret format.
type secretPattern struct {
	id   string
	what string // "AWS access key id", used in the message
	doc  string
	// re matches the secret; its first group, when present, is the secret
	// itself (the rest is context such as "aws_secret_access_key=").
	re *lazyRegexp
	// minEntropy is the least Shannon entropy, in bits per character, of
	// the secret (0: no check); random keys are far above it, words and
	// placeholders below.
	minEntropy float64
	// keywords are lower-case strings one of which must occur in a line
	// (lower-cased) before the regular expression is tried, as in
	// gitleaks: most lines of a postmortem are prose, and this keeps a
	// build of thousands of files fast.
	keywords []string
	// needsAny, when set, are characters one of which every match of re
	// holds: a line without any is not tried (most URLs have no "@").
	needsAny string
	// valid, when set, must accept the secret (a decodable JWT header, a
	// host that is not an example).
	valid func(secret string, m []string, line string) bool
}

var secretPatterns = []secretPattern{
	{
		id: "secret/aws-access-key", keywords: []string{"akia", "asia", "abia", "acca", "a3t"}, what: "AWS access key id",
		doc:        "No AWS access key id (AKIA…, ASIA…).",
		re:         newLazyRegexp(`\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b`),
		minEntropy: 3.0,
	},
	{
		id: "secret/aws-secret-key", keywords: []string{"aws"}, what: "AWS secret access key",
		doc:        "No AWS secret access key (40 base64 characters near \"aws\" and \"secret\" or \"key\").",
		re:         newLazyRegexp(`(?i)aws[\w.-]{0,20}?(?:secret|key)[^\n]{0,25}?[=:"'\s]\s*["']?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)`),
		minEntropy: 4.0,
	},
	{
		id: "secret/github-token", keywords: []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"}, what: "GitHub token",
		doc:        "No GitHub token (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_).",
		re:         newLazyRegexp(`\b(gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{82})\b`),
		minEntropy: 3.5,
	},
	{
		id: "secret/slack-token", keywords: []string{"xox", "xapp-"}, what: "Slack token",
		doc:        "No Slack bot, user or app token (xoxb-, xoxp-, xapp-…).",
		re:         newLazyRegexp(`(?i)\b(xox[abeoprs]-[0-9a-z][0-9a-z-]{9,}|xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+)`),
		minEntropy: 3.0,
	},
	{
		id: "secret/slack-webhook", keywords: []string{"hooks.slack.com"}, what: "Slack webhook URL",
		doc:        "No Slack incoming-webhook URL (hooks.slack.com/services/…).",
		re:         newLazyRegexp(`(hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{20,})`),
		minEntropy: 3.5,
	},
	{
		id: "secret/stripe-key", keywords: []string{"_live_", "_prod_"}, what: "Stripe live key",
		doc:        "No Stripe live secret or restricted key (sk_live_, rk_live_).",
		re:         newLazyRegexp(`\b((?:sk|rk)_(?:live|prod)_[A-Za-z0-9]{10,99})\b`),
		minEntropy: 3.0,
	},
	{
		id: "secret/jwt", keywords: []string{".ey"}, what: "JSON Web Token",
		doc:        "No JSON Web Token (three base64url parts whose header names an \"alg\").",
		re:         jwtRE,
		minEntropy: 3.0,
		valid:      func(s string, _ []string, _ string) bool { return isJWT(s) && !jwtIOExample(s) },
	},
	{
		id: "secret/url-password", keywords: []string{"://"}, needsAny: "@", what: "password in a URL",
		doc: "No password in a URL (scheme://user:password@host, or scheme://:password@host with no user) unless the host is an example or the password a placeholder.",
		// The user may be empty: redis://:password@host is how Redis
		// clients take a password alone.
		re: newLazyRegexp(`\b[a-zA-Z][a-zA-Z0-9+.-]{1,30}://[^\s:/@'"<>]*:([^\s@/'"<>]+)@([A-Za-z0-9._\[\]-]+)`),
		valid: func(_ string, m []string, _ string) bool {
			return !exampleHost(m[2])
		},
	},
	{
		id: "secret/connection-string", keywords: []string{"password", "pwd"}, needsAny: "=", what: "password in a connection string",
		doc: "No password in a key=value connection string (Server=…;Password=…, host=… password=…).",
		re:  newLazyRegexp(`(?i)(?:^|[\s;"'])(?:password|pwd)\s*=\s*([^\s;'"]+)`),
		valid: func(_ string, _ []string, line string) bool {
			return connectionContextRE.MatchString(line)
		},
	},
	{
		id: "secret/bearer-token", keywords: []string{"bearer"}, what: "bearer token",
		doc:        "No bearer token (Authorization: Bearer …).",
		re:         newLazyRegexp(`(?i)\bbearer\s+([A-Za-z0-9\-._~+/]{16,}=*)`),
		minEntropy: 3.0,
		valid: func(s string, _ []string, _ string) bool {
			// JWTs are reported once, by secret/jwt.
			return !isJWT(s)
		},
	},
	{
		id: "secret/generic-key", keywords: []string{"password", "passwd", "secret", "token", "key"}, needsAny: ":=", what: "secret value",
		doc:        "No high-entropy value assigned to a name like password, secret, token or api_key (a name that ends in id, name or version, or a page's cursor token such as pageToken, is no secret).",
		re:         newLazyRegexp(`(?i)\b[\w.-]{0,30}(?:password|passwd|secret|token|api[_-]?key|access[_-]?key)[\w.-]{0,10}["']?\s*[:=]\s*["']?([A-Za-z0-9/+=_\-!@#$%^&*.~]{12,})`),
		minEntropy: 3.8,
		valid: func(s string, m []string, line string) bool {
			// Connection strings and known formats have rules of their own.
			if connectionContextRE.MatchString(line) && passwordKeyRE.MatchString(m[0]) || knownFormatRE.MatchString(s) {
				return false
			}
			// A name that says its value is no secret: an id, a name or
			// a version (token_id, SecretName, secret_version), or a
			// page's cursor (pageToken, NextToken); logs hold them on
			// every line (QA 15 regression pass, a-4).
			if notSecretKeyRE.MatchString(m[0]) {
				return false
			}
			return strings.ContainsAny(s, "0123456789") && strings.IndexFunc(s, isLetter) >= 0
		},
	},
}

// notSecretKeyRE recognises the key of a match of secret/generic-key
// whose name says the value is not a secret: it ends in id, name or
// version, or is a page's or a listing's cursor token.
var notSecretKeyRE = newLazyRegexp(`(?i)(?:(?:[_.-]?ids?|[_.-]?names?|[_.-]?versions?)|(?:page|next|continuation|cursor|sync)[_.-]?token)["']?\s*[:=]`)

// connectionContextRE recognises the other keys of a connection string.
var connectionContextRE = newLazyRegexp(`(?i)\b(server|host|data source|user id|uid|user|username|database|dbname|port)\s*=`)

// knownFormatRE recognises values the format-specific rules report, so
// secret/generic-key does not report them twice.
var knownFormatRE = newLazyRegexp(`^(?:A3T|AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|xox[abeoprs]-|xapp-|sk_|rk_|ey[A-Za-z0-9_-]+\.ey)`)

// passwordKeyRE recognises a password key in a generic assignment.
var passwordKeyRE = newLazyRegexp(`(?i)\b(password|pwd)\s*=`)

var jwtRE = newLazyRegexp(`\b(ey[A-Za-z0-9_-]{10,}\.ey[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*)`)

func isLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// isJWT reports whether s is three dot-separated base64url parts whose
// first decodes to a JSON object with an "alg".
func isJWT(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return false
	}
	head, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[0], "="))
	if err != nil {
		return false
	}
	var h map[string]any
	if json.Unmarshal(head, &h) != nil {
		return false
	}
	_, ok := h["alg"]
	return ok
}

// jwtIOExample reports whether a JWT is the well-known example of the
// jwt.io debugger and RFC-style tutorials (subject "1234567890", "John
// Doe"), which people paste to explain a problem.
func jwtIOExample(s string) bool {
	parts := strings.Split(s, ".")
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return false
	}
	var p map[string]any
	if json.Unmarshal(payload, &p) != nil {
		return false
	}
	return p["sub"] == "1234567890" || p["name"] == "John Doe"
}

// exampleHost reports whether host is reserved for documentation or
// local tests (RFC 2606, RFC 6761).
func exampleHost(host string) bool {
	h := strings.ToLower(strings.Trim(host, "[]."))
	for _, d := range []string{"example.com", "example.org", "example.net", "example", "test", "invalid", "localhost"} {
		if h == d || strings.HasSuffix(h, "."+d) {
			return true
		}
	}
	return false
}

// placeholderWords are parts of values people write instead of a secret.
var placeholderWords = []string{
	"example", "xxxx", "****", "…", "...", "${", "{{", "$(", "<", ">", "%s", "dummy", "fake",
	"sample", "placeholder", "redacted", "your_", "your-", "yourtoken", "changeme", "change_me",
	"notreal", "not_real", "not-real", "todo",
}

// placeholderValues are whole values that are obviously not secrets.
var placeholderValues = map[string]bool{
	"password": true, "passwd": true, "pass": true, "pwd": true, "secret": true, "token": true,
	"user": true, "username": true, "hunter2": true, "****": true, "null": true, "none": true,
	"empty": true, "pw": true, "p@ssw0rd": true, "mypassword": true, "test": true,
}

// isPlaceholder reports whether a matched value is an example rather than
// a real secret.
func isPlaceholder(s string) bool {
	l := strings.ToLower(s)
	if placeholderValues[l] || strings.HasPrefix(l, "$") || strings.HasPrefix(l, "%") {
		return true
	}
	for _, w := range placeholderWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// entropy is the Shannon entropy of s in bits per character.
func entropy(s string) float64 {
	if s == "" {
		return 0
	}
	counts := map[rune]int{}
	n := 0
	for _, r := range s {
		counts[r]++
		n++
	}
	e := 0.0
	for _, c := range counts {
		p := float64(c) / float64(n)
		e -= p * math.Log2(p)
	}
	return e
}

func secretRules() []Rule {
	var rules []Rule
	for i, p := range secretPatterns {
		rules = append(rules, Rule{ID: p.id, Severity: errorSev, Doc: p.doc, Check: func(f *File, report func(int, string, string)) {
			p.check(f, f.secretKeywordLines(i), report)
		}})
	}
	rules = append(rules, Rule{
		ID: "secret/private-key", Severity: errorSev,
		Doc:   "No PEM private-key block (-----BEGIN … PRIVATE KEY-----) with key material in it.",
		Check: checkPrivateKeys,
	})
	return rules
}

// secretKeywords are the keywords of each secret pattern, in the order of
// secretPatterns, then those of the private-key rule.
var secretKeywords = func() *keywordSet {
	var groups [][]string
	for _, p := range secretPatterns {
		groups = append(groups, p.keywords)
	}
	return newKeywordSet(append(groups, []string{"private key"}))
}()

// secretKeywordLines returns the lines of f that hold a keyword of the
// secret pattern i (len(secretPatterns): the private-key rule), from one
// pass over the file for all of them.
func (f *File) secretKeywordLines(i int) []int {
	if f.secretLines == nil {
		f.secretLines = secretKeywords.lines(f)
	}
	return f.secretLines[i]
}

// check runs one pattern over lines, every line of f (front-matter and
// code included) that holds one of its keywords.
func (p secretPattern) check(f *File, lines []int, report func(int, string, string)) {
	for _, n := range lines {
		l := f.line(n)
		if p.needsAny != "" && !strings.ContainsAny(l, p.needsAny) {
			continue
		}
		for _, m := range p.re.FindAllStringSubmatch(l, -1) {
			secret := m[0]
			if len(m) > 1 {
				secret = m[1]
			}
			if isPlaceholder(secret) || entropy(body(secret)) < p.minEntropy {
				continue
			}
			if p.valid != nil && !p.valid(secret, m, l) {
				continue
			}
			f.secretFinding(report, n, "possible "+p.what, secret, p.id)
		}
	}
}

// holdsSecret reports whether 1-based line n of f holds a string a secret
// pattern reports (and a reviewer has not allowed), so that other rules can
// leave the line out of their messages.
func (f *File) holdsSecret(n int) bool {
	found := false
	for i, p := range secretPatterns {
		if slices.Contains(f.secretKeywordLines(i), n) {
			p.check(f, []int{n}, func(int, string, string) { found = true })
		}
	}
	return found
}

// HoldsSecret reports whether text (a line, or a few) holds a string a
// secret rule reports, whatever the grades and allow list of a site: a
// source line quoted under a problem (diag.Diagnostic.Excerpt) is left
// out when it does, for pmkb never prints a line that holds a secret.
func HoldsSecret(text string) bool {
	f := &File{Raw: []byte(text)}
	f.prepare()
	found := false
	report := func(int, string, string) { found = true }
	for i, p := range secretPatterns {
		p.check(f, f.secretKeywordLines(i), report)
	}
	checkPrivateKeys(f, report)
	return found
}

// body strips a well-known prefix so entropy measures the random part.
func body(secret string) string {
	for _, pre := range []string{"github_pat_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "sk_live_", "rk_live_", "sk_prod_", "rk_prod_", "hooks.slack.com/services/"} {
		if strings.HasPrefix(secret, pre) {
			return secret[len(pre):]
		}
	}
	return secret
}

var (
	pemBeginRE = newLazyRegexp(`-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----`)
	pemBodyRE  = newLazyRegexp(`[A-Za-z0-9+/=]`)
)

// checkPrivateKeys reports PEM private-key blocks that hold key material
// (at least 64 base64 characters before the END line, or within the same
// line when the key was pasted as one escaped string).
func checkPrivateKeys(f *File, report func(int, string, string)) {
	for _, n := range f.secretKeywordLines(len(secretPatterns)) {
		i := n - 1
		l := f.line(n)
		if !strings.Contains(l, "PRIVATE KEY") {
			continue
		}
		loc := pemBeginRE.FindStringIndex(l)
		if loc == nil {
			continue
		}
		var b strings.Builder
		rest := l[loc[1]:]
		done := false
		for j := i; j < f.numLines() && j < i+200 && !done; j++ {
			if j > i {
				rest = f.line(j + 1)
			}
			if k := strings.Index(rest, "-----END"); k >= 0 {
				rest, done = rest[:k], true
			}
			rest = strings.ReplaceAll(rest, `\n`, "")
			for _, c := range pemBodyRE.FindAllString(rest, -1) {
				b.WriteString(c)
			}
		}
		key := b.String()
		if len(key) < 64 || isPlaceholder(key) || entropy(key) < 4.0 {
			continue
		}
		f.secretFinding(report, i+1, "private key", key, "secret/private-key")
	}
}
