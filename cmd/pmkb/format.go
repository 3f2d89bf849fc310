package main

// textOrJSON is the output choice of a command that prints text or JSON:
// --format text|json, as lint and actions take it, and --json, its
// shorthand.
type textOrJSON struct {
	f      *flags
	format *string
	json   *bool
}

// textOrJSONFlags registers --format and --json on f; jsonHelp says what
// the JSON is.
func textOrJSONFlags(f *flags, jsonHelp string) textOrJSON {
	return textOrJSON{
		f:      f,
		format: f.String("format", "text", "output format: text or json ("+jsonHelp+")"),
		json:   f.Bool("json", false, "the same as --format json"),
	}
}

// wantJSON reports, once the flags are parsed, whether JSON was asked
// for; ok is false (after a usage error) for an unknown format or a
// --json beside --format text.
func (o textOrJSON) wantJSON(e *env) (asJSON bool, code int, ok bool) {
	if code, ok := o.f.oneOf("format", "a format", o.format, []string{"text", "json"}); !ok {
		return false, code, false
	}
	if *o.format == "json" {
		return true, 0, true
	}
	if *o.json && given(o.f, "format") {
		return false, e.usageErrorf("--json contradicts --format text"), false
	}
	return *o.json, 0, true
}
