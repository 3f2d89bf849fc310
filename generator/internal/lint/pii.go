package lint

import (
	"strings"
)

var (
	emailRE = newLazyRegexp(`([A-Za-z0-9._%+-]+)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.([A-Za-z]{2,24}))\b`)

	// phoneREs are international (+81 3 1234 5678), Japanese domestic
	// (03-1234-5678, 090-1234-5678) and North American ((415) 555-2671,
	// 415-555-2671) numbers.
	phoneREs = []*lazyRegexp{
		newLazyRegexp(`\+[1-9]\d{0,2}[ .-]?\(?\d{1,4}\)?(?:[ .-]?\d{2,4}){2,4}`),
		newLazyRegexp(`\b0\d{1,4}-\d{1,4}-\d{3,4}\b`),
		newLazyRegexp(`\(\d{3}\) ?\d{3}[ .-]\d{4}\b|\b\d{3}[.-]\d{3}[.-]\d{4}\b`),
	}
)

// roleMailboxes are shared or automatic addresses, which are not personal
// data.
var roleMailboxes = map[string]bool{
	"noreply": true, "no-reply": true, "donotreply": true, "do-not-reply": true, "git": true,
	"mailer-daemon": true, "postmaster": true, "root": true, "nobody": true,
}

// fileExtensions look like top-level domains in names such as icon@2x.png.
var fileExtensions = map[string]bool{
	"png": true, "jpg": true, "jpeg": true, "gif": true, "svg": true, "webp": true, "avif": true,
}

func piiRules() []Rule {
	return []Rule{
		{
			ID: "pii/email", Severity: warning,
			Doc: "No personal e-mail address (example.com, .org, .net and no-reply addresses pass).",
			Check: func(f *File, report func(int, string, string)) {
				f.eachLine(allLines, func(n int, l string) {
					if !strings.Contains(l, "@") {
						return
					}
					for _, m := range emailRE.FindAllStringSubmatchIndex(l, -1) {
						addr, local, domain, tld := l[m[0]:m[1]], l[m[2]:m[3]], l[m[4]:m[5]], l[m[6]:m[7]]
						if m[0] > 0 {
							switch prev := l[m[0]-1]; {
							case prev == '/':
								continue // ssh://git@host, a URL's user
							case prev == ':' && !strings.HasSuffix(strings.ToLower(l[:m[0]]), "mailto:"):
								continue // user:password@host, reported as a secret
							}
						}
						if exampleHost(domain) || roleMailboxes[strings.ToLower(local)] ||
							strings.Contains(strings.ToLower(domain), "noreply") || fileExtensions[strings.ToLower(tld)] {
							continue
						}
						report(n, "e-mail address "+Redact(addr)+" is personal data",
							"remove it or write the role instead (\"the on-call engineer\", \"a customer\"); use example.com in examples")
					}
				})
			},
		},
		{
			ID: "pii/phone", Severity: warning,
			Doc: "No phone number (international, Japanese or North American formats; 555 and 1234-5678 examples pass).",
			Check: func(f *File, report func(int, string, string)) {
				f.eachLine(allLines, func(n int, l string) {
					if digitCount(l) < 10 || !phoneShaped(l) {
						return
					}
					for _, re := range phoneREs {
						for _, loc := range re.FindAllStringIndex(l, -1) {
							num := l[loc[0]:loc[1]]
							if !standalone(l, loc[0], loc[1]) || !plausiblePhone(num) {
								continue
							}
							report(n, "phone number "+Redact(num)+" is personal data",
								"remove it; postmortems outlive people's phone numbers and are read widely")
							return
						}
					}
				})
			},
		},
	}
}

// phoneShaped reports whether l holds what every one of phoneREs needs:
// "+" and a digit 1-9, "(" and a digit, or a digit, "-" or "." and a
// digit. A line of numbers that holds none (a log's "retry314 worker42")
// is not searched: on 200 MB of such text the patterns took two thirds of
// pmkb lint's time (QA 18 A, ideas).
func phoneShaped(l string) bool {
	for i := 0; i+1 < len(l); i++ {
		c, d := l[i], l[i+1]
		switch {
		case c == '+' && '1' <= d && d <= '9', c == '(' && isDigit(d):
			return true
		case isDigit(c) && (d == '-' || d == '.') && i+2 < len(l) && isDigit(l[i+2]):
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func digitCount(l string) int {
	n := 0
	for i := 0; i < len(l); i++ {
		if l[i] >= '0' && l[i] <= '9' {
			n++
		}
	}
	return n
}

// standalone reports whether l[start:end] is not part of a longer token
// (a timestamp, an id, a version).
func standalone(l string, start, end int) bool {
	if start > 0 {
		c := l[start-1]
		if isAlnum(c) || c == '.' || c == '-' || c == '_' || c == '/' || c == '+' {
			return false
		}
	}
	if end < len(l) {
		c := l[end]
		if isAlnum(c) || c == '-' || c == '_' || c == '/' || c == ':' {
			return false
		}
		if c == '.' && end+1 < len(l) && isAlnum(l[end+1]) {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// plausiblePhone checks the digit count and rejects the numbers reserved
// for fiction and examples (NANP 555, 1234-5678, repeated digits).
func plausiblePhone(num string) bool {
	var d strings.Builder
	for i := 0; i < len(num); i++ {
		if num[i] >= '0' && num[i] <= '9' {
			d.WriteByte(num[i])
		}
	}
	digits := d.String()
	if len(digits) < 10 || len(digits) > 15 {
		return false
	}
	if strings.Contains(digits, "12345678") || strings.Contains(digits, "0000000") ||
		strings.Trim(digits, digits[len(digits)-1:]) == "" {
		return false
	}
	// North American 555 numbers are fictional: (415) 555-…, +1 415 555 ….
	groups := strings.FieldsFunc(num, func(r rune) bool { return r < '0' || r > '9' })
	for _, g := range groups {
		if g == "555" {
			return false
		}
	}
	return !strings.HasPrefix(strings.TrimLeft(digits, "1"), "555")
}
