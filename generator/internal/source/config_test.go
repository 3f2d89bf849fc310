package source_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator/internal/source"
)

// TestCheckBaseURL proves a base URL with a query or fragment is refused
// (QA 4 #12: "https://x.example/pm/?a=1" gave canonical links ending in
// "?a=1/"), in the config and for --base-url alike.
func TestCheckBaseURL(t *testing.T) {
	for _, tt := range []struct{ url, wantErr string }{
		{"https://x.example/pm/", ""},
		{"http://x.example", ""},
		{"/", ""},
		{"/pm/", ""},
		{"https://x.example/pm/?a=1", `"https://x.example/pm/?a=1" has a query or fragment ("?a=1")`},
		{"https://x.example/pm/?", `has a query or fragment ("?")`},
		{"https://x.example/pm/#top", `has a query or fragment ("#top")`},
		{"/pm/?a=1#b", `has a query or fragment ("?a=1#b")`},
		{"ftp://x.example/", "is not an http(s) URL"},
		{"pm/", "must be an absolute URL"},
	} {
		err := source.CheckBaseURL(tt.url)
		if (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("CheckBaseURL(%q) = %v, want %q", tt.url, err, tt.wantErr)
		}
	}
	_, _, diags := source.LoadConfig(fstest.MapFS{"pmkb.toml": {Data: []byte("title = \"x\"\nbaseURL = \"https://x.example/pm/?a=1\"\n")}})
	if got := diags.String(); !strings.Contains(got, `pmkb.toml:2: baseURL "https://x.example/pm/?a=1" has a query or fragment`) {
		t.Errorf("config diagnostics:\n%s", got)
	}
}

// TestEncodeBaseURL proves a base URL's path is percent-encoded once, so
// the URLs that join it are ASCII (qa7-a #24: a Japanese path was written
// raw into sitemap.xml, the feeds and actions.ics), whether it comes from
// the config or --base-url; an encoded path is kept as written.
func TestEncodeBaseURL(t *testing.T) {
	const encoded = "https://intra.example.co.jp/%E9%9A%9C%E5%AE%B3kb/"
	for _, tt := range []struct{ url, want string }{
		{"https://intra.example.co.jp/障害kb/", encoded},
		{"https://intra.example.co.jp/障害kb", encoded},
		{encoded, encoded},
		{"https://intra.example.co.jp/%e9%9a%9c%e5%ae%b3kb/", "https://intra.example.co.jp/%e9%9a%9c%e5%ae%b3kb/"},
		{"https://intra.example.co.jp/%E9%9A%9C害kb/", encoded}, // half encoded
		{"https://x.example/my kb/", "https://x.example/my%20kb/"},
		{"https://x.example/a%2Fb/(old)/", "https://x.example/a%2Fb/(old)/"},
		{"https://x.example/pm/", "https://x.example/pm/"},
		{"https://x.example", "https://x.example/"},
		{"https://user@x.example:8080/障害/", "https://user@x.example:8080/%E9%9A%9C%E5%AE%B3/"},
		{"/障害kb/", "/%E9%9A%9C%E5%AE%B3kb/"},
		{"/", "/"},
	} {
		got := source.EncodeBaseURL(tt.url)
		if got != tt.want {
			t.Errorf("EncodeBaseURL(%q) = %q, want %q", tt.url, got, tt.want)
		}
		if again := source.EncodeBaseURL(got); again != got {
			t.Errorf("EncodeBaseURL(%q) = %q, encoded twice", got, again)
		}
	}
	cfg, _, diags := source.LoadConfig(fstest.MapFS{"pmkb.toml": {Data: []byte("title = \"x\"\nbaseURL = \"https://intra.example.co.jp/障害kb\"\n")}})
	if cfg.BaseURL != encoded || diags.Len() != 0 {
		t.Errorf("config baseURL = %q, want %q\n%s", cfg.BaseURL, encoded, diags)
	}
}

// TestLoadConfigWarnsOfIgnoredFiles proves a second config file is not
// ignored without a word (QA 4 #34).
func TestLoadConfigWarnsOfIgnoredFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"pmkb.toml": {Data: []byte("title = \"From TOML\"\n")},
		"pmkb.yaml": {Data: []byte("title: From YAML\n")},
		"pmkb.yml":  {Data: []byte("title: From YML\n")},
	}
	cfg, name, diags := source.LoadConfig(fsys)
	if name != "pmkb.toml" || cfg.Title != "From TOML" {
		t.Errorf("read %s (title %q), want pmkb.toml", name, cfg.Title)
	}
	want := "pmkb.yaml: warning: ignored: the site's config is pmkb.toml, which is read instead; merge the two and delete this one\n" +
		"pmkb.yml: warning: ignored: the site's config is pmkb.toml, which is read instead; merge the two and delete this one\n"
	if got := diags.String(); got != want || diags.HasErrors() {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
	// One file: no warning.
	delete(fsys, "pmkb.toml")
	delete(fsys, "pmkb.yml")
	cfg, name, diags = source.LoadConfig(fsys)
	if name != "pmkb.yaml" || cfg.Title != "From YAML" || diags.Len() != 0 {
		t.Errorf("yaml alone: %s %q\n%s", name, cfg.Title, diags)
	}
}

// TestConfigHints checks the config mistakes of QA5 A#7, A#8, A#13 and
// A#22: each is one error at its line that says what to write.
func TestConfigHints(t *testing.T) {
	for _, c := range []struct{ name, file, config, want string }{
		{"catalog key with a space", "pmkb.toml", "title = \"x\"\n\n[systems.\"Checkout API\"]\nname = \"Checkout API\"\n",
			`pmkb.toml:3: systems key "Checkout API" is not a slug; write [systems.checkout-api] with name = "Checkout API"`},
		{"catalog key in capitals", "pmkb.toml", "[causes.Capacity]\nname = \"Cap\"\n[causes.dns]\n",
			`pmkb.toml:1: causes key "Capacity" is not a slug; write [causes.capacity] with name = "Capacity"`},
		{"catalog key in YAML", "pmkb.yaml", "causes:\n  Cache_Stampede:\n    name: Stampede\n",
			`pmkb.yaml:2: causes key "Cache_Stampede" is not a slug; write cache-stampede: with name: "Cache_Stampede"`},
		{"colour by name", "pmkb.toml", "[[severities]]\nlevel = \"SEV1\"\ncolor = \"red\"\n",
			`pmkb.toml:3: severities[0]: color "red" is not a hex colour (want "#rrggbb" or "#rgb", e.g. "#b3261e")`},
		{"colour as rgb()", "pmkb.toml", "[[severities]]\nlevel = \"SEV1\"\ncolor = \"#f00\"\n[[severities]]\nlevel = \"SEV2\"\ncolor = \"rgb(0,128,0)\"\n",
			`pmkb.toml:6: severities[1]: color "rgb(0,128,0)" is not a hex colour (want "#rrggbb" or "#rgb", e.g. "#b3261e")`},
		{"colour that would inject CSS", "pmkb.toml", "[[severities]]\nlevel = \"SEV1\"\ncolor = \"red; background:url(x)\"\n",
			`pmkb.toml:3: severities[0]: color "red; background:url(x)" is not a hex colour (want "#rrggbb" or "#rgb", e.g. "#b3261e")`},
		{"top-level key after a table", "pmkb.toml", "title = \"x\"\n[systems.web]\nname = \"Web\"\n[systems.envoy]\nname = \"Envoy\"\ntoday = \"2025-01-01\"\n",
			`pmkb.toml:6: unknown config key "today" in systems.envoy; top-level keys must come before the first [table]; move it above line 2`},
		{"top-level key after an array of tables", "pmkb.toml", "[[severities]]\nlevel = \"SEV1\"\nbaseURL = \"/pm/\"\n",
			`pmkb.toml:3: unknown config key "baseURL" in severities[0]; top-level keys must come before the first [table]; move it above line 1`},
		{"language as a list", "pmkb.toml", "language = [\"ja\"]\n",
			`pmkb.toml:1: language must be text, not a list`},
		{"language in capitals", "pmkb.toml", "language = \"JA\"\n",
			`pmkb.toml:1: language "JA" is not supported (want "en" or "ja"); did you mean "ja"?`},
		{"language with a region", "pmkb.toml", "language = \"ja-JP\"\n",
			`pmkb.toml:1: language "ja-JP" is not supported (want "en" or "ja"); did you mean "ja"?`},
		{"language as a country code (QA 7a #23)", "pmkb.toml", "language = \"jp\"\n",
			`pmkb.toml:1: language "jp" is not supported (want "en" or "ja"); did you mean "ja"? (jp is the country code)`},
		// Code review: one list of country codes with a postmortem's lang:.
		{"language as another country code", "pmkb.toml", "language = \"cn\"\n",
			`pmkb.toml:1: language "cn" is not supported (want "en" or "ja"); cn is the country code of "zh", a language pmkb has no messages in`},
		{"time zone abbreviation", "pmkb.toml", "timeZone = \"JST\"\n",
			`pmkb.toml:1: timeZone "JST" is not a known IANA zone; did you mean "Asia/Tokyo"?`},
		{"time zone in lower case", "pmkb.toml", "timeZone = \"asia/tokyo\"\n",
			`pmkb.toml:1: timeZone "asia/tokyo" is not a known IANA zone; did you mean "Asia/Tokyo"?`},
		{"time zone unknown", "pmkb.toml", "timeZone = \"Mars/Olympus\"\n",
			`pmkb.toml:1: timeZone "Mars/Olympus" is not a known IANA zone (e.g. "Asia/Tokyo", "UTC")`},
		// QA 15 B-F3: Go's name for the machine's zone, which would make
		// each machine build a different site.
		{"time zone Local", "pmkb.toml", "timeZone = \"Local\"\n",
			`pmkb.toml:1: timeZone "Local" is not a known IANA zone (e.g. "Asia/Tokyo", "UTC"); the build machine's zone would make each machine build a different site`},
		{"time zone Local in YAML", "pmkb.yaml", "title: x\ntimeZone: Local\n",
			`pmkb.yaml:2: timeZone "Local" is not a known IANA zone (e.g. "Asia/Tokyo", "UTC"); the build machine's zone would make each machine build a different site`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, diags := source.LoadConfig(fstest.MapFS{c.file: {Data: []byte(c.config)}})
			if got := strings.TrimSpace(diags.String()); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

// TestConfigFolds checks what a config with those mistakes still gives:
// a catalog entry under the key postmortems can match, the grey default
// for a colour that is not hex, and a repository prefix that ends in "/"
// (QA5 A#9: ".../edit/main" + "content/..." gave ".../edit/maincontent/...").
func TestConfigFolds(t *testing.T) {
	cfg, _, _ := source.LoadConfig(fstest.MapFS{"pmkb.toml": {Data: []byte(
		"repository = \"https://git.example/sre/pm/-/edit/main\"\n" +
			"[[severities]]\nlevel = \"SEV1\"\ncolor = \"red\"\n" +
			"[[severities]]\nlevel = \"SEV2\"\ncolor = \"#FFEB3B\"\n" +
			"[systems.\"Checkout API\"]\nname = \"Checkout API\"\nteam = \"payments\"\n")}})
	if cfg.Repository != "https://git.example/sre/pm/-/edit/main/" {
		t.Errorf("repository %q, want a trailing /", cfg.Repository)
	}
	if cfg.Severities[0].Color != "" || cfg.Severities[1].Color != "#FFEB3B" {
		t.Errorf("colours %q, %q; want the bad one dropped, the hex one kept", cfg.Severities[0].Color, cfg.Severities[1].Color)
	}
	if s, ok := cfg.System("checkout-api"); !ok || s.Name != "Checkout API" || s.Team != "payments" {
		t.Errorf("system checkout-api: %+v, %v", s, ok)
	}
	for _, repo := range []string{"https://git.example/edit/main/", "https://git.example/edit?path=", ""} {
		cfg, _, _ := source.LoadConfig(fstest.MapFS{"pmkb.toml": {Data: []byte("repository = \"" + repo + "\"\n")}})
		if cfg.Repository != repo {
			t.Errorf("repository %q became %q", repo, cfg.Repository)
		}
	}
}

// TestPositiveNumbers checks that maxFileBytes and repeatWindowDays of 0 or
// below are errors at their lines (qa9-a #4: they were silently replaced
// by the defaults), in TOML and YAML, while a value of 1 or more is taken.
// TestLintLevelSuggestion checks that a misspelt level of a lint rule in
// pmkb.toml gets a did-you-mean, as a misspelt rule name does (QA 10 N3:
// the suggestion was added where pmkb.toml's levels never reach).
func TestLintLevelSuggestion(t *testing.T) {
	for _, tt := range []struct{ level, want string }{
		{"warn", "; did you mean \"warning\"?"},
		{"Error", "; did you mean \"error\"?"},
		{"WARNING", "; did you mean \"warning\"?"},
		{"loud", ""},
	} {
		data := "[lint]\nrules = { \"pii/phone\" = \"" + tt.level + "\" }\n"
		_, _, diags := source.LoadConfig(fstest.MapFS{"pmkb.toml": {Data: []byte(data)}})
		want := "pmkb.toml:2: lint rule \"pii/phone\": level \"" + tt.level + "\" must be \"off\", \"warning\" or \"error\"" + tt.want
		if got := strings.TrimSpace(diags.String()); got != want {
			t.Errorf("level %q:\n got %q\nwant %q", tt.level, got, want)
		}
	}
}

func TestPositiveNumbers(t *testing.T) {
	for _, tt := range []struct{ file, data, want string }{
		{"pmkb.toml", "title = \"x\"\nrepeatWindowDays = -5\n", "pmkb.toml:2: repeatWindowDays must be at least 1 (days), not -5; leave it out for the default, 180"},
		{"pmkb.toml", "title = \"x\"\nrepeatWindowDays = 0\n", "pmkb.toml:2: repeatWindowDays must be at least 1 (days), not 0; leave it out for the default, 180"},
		{"pmkb.toml", "maxFileBytes = 0\n", "pmkb.toml:1: maxFileBytes must be at least 1 (bytes), not 0; leave it out for the default, 2097152"},
		{"pmkb.yaml", "title: x\nmaxFileBytes: -1\n", "pmkb.yaml:2: maxFileBytes must be at least 1 (bytes), not -1; leave it out for the default, 2097152"},
		{"pmkb.toml", "repeatWindowDays = \"90\"\n", "pmkb.toml:1: repeatWindowDays must be a whole number"},
		{"pmkb.toml", "repeatWindowDays = 1\nmaxFileBytes = 100\n", ""},
	} {
		cfg, _, diags := source.LoadConfig(fstest.MapFS{tt.file: {Data: []byte(tt.data)}})
		if got := strings.TrimSpace(diags.String()); got != tt.want {
			t.Errorf("%s %q:\n got %q\nwant %q", tt.file, tt.data, got, tt.want)
		}
		if tt.want == "" && (cfg.RepeatWindowDays != 1 || cfg.MaxFileBytes != 100) {
			t.Errorf("%q: read as %d days, %d bytes", tt.data, cfg.RepeatWindowDays, cfg.MaxFileBytes)
		}
	}
}
