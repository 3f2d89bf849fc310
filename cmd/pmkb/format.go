package main

import (
	"bytes"
	"io"
	"slices"
	"strings"

	"github.com/pmkb/pmkb/generator/diag"
)

// outputFormat is the output choice of a command that prints data:
// --format (lint: text, json, github; actions: table, json, csv; search
// and stats: text, json) and --json, its shorthand, on every one of them
// (QA 13 F7: --json was search's and stats' only, and pmkb actions
// --overdue --json, typed after pmkb search --json, was a usage error).
// The human format is "text" for some commands and "table" for others;
// each takes the other's name for its own.
type outputFormat struct {
	f       *flags
	format  *string
	json    *bool
	formats []string
}

// outputFlags registers --format, whose values are formats (the first is
// the default), and --json on f; jsonHelp says what the JSON is.
func outputFlags(f *flags, formats []string, jsonHelp string) outputFormat {
	help := "output format: " + strings.Join(formats, ", ")
	if jsonHelp != "" {
		help += " (json: " + jsonHelp + ")"
	}
	return outputFormat{
		f:       f,
		format:  f.String("format", formats[0], help),
		json:    f.Bool("json", false, "the same as --format json"),
		formats: formats,
	}
}

// humanFormats are the names of the format for a person, one command's
// for the other's.
var humanFormats = []string{"text", "table"}

// resolve returns the format asked for once the flags are parsed: --json
// is json; "text" where the command says "table", and the other way
// round, is the command's own; ok is false (after a usage error) for an
// unknown format or a --json beside another --format.
func (o outputFormat) resolve(e *env) (format string, code int, ok bool) {
	human := ""
	for _, h := range humanFormats {
		if contains(o.formats, h) {
			human = h
		}
	}
	typed := *o.format
	if slices.ContainsFunc(humanFormats, func(h string) bool { return strings.EqualFold(*o.format, h) }) {
		*o.format = human
	}
	if !slices.ContainsFunc(o.formats, func(f string) bool { return strings.EqualFold(*o.format, f) }) {
		// "tabel" for a command whose human format is text: text.
		near := diag.Suggest(*o.format, append(slices.Clone(o.formats), humanFormats...))
		if slices.Contains(humanFormats, near) {
			near = human
		}
		return "", o.f.badValue("format", "a format", *o.format, o.formats, near), false
	}
	if code, ok := o.f.oneOf("format", "a format", o.format, o.formats); !ok {
		return "", code, false
	}
	if *o.json && given(o.f, "format") && *o.format != "json" {
		return "", e.usageErrorf("--json contradicts --format %s", typed), false
	}
	if *o.json {
		return "json", 0, true
	}
	return *o.format, 0, true
}

// wantJSON is resolve for a command whose formats are text and json.
func (o outputFormat) wantJSON(e *env) (asJSON bool, code int, ok bool) {
	format, code, ok := o.resolve(e)
	return format == "json", code, ok
}

// textOrJSONFlags registers --format text|json and --json on f.
func textOrJSONFlags(f *flags, jsonHelp string) outputFormat {
	return outputFlags(f, []string{"text", "json"}, jsonHelp)
}

// printOut runs write on e.stdout; with asJSON, write writes JSON, and
// what it wrote is printed with <, > and & as they are: encoding/json writes them as
// \u003c, \u003e and \u0026 for JSON put inside HTML, which the site's
// api/*.json files keep (their bytes are what the exports promise), but a
// person reading pmkb search --json in a terminal or through jq's raw
// output is not (QA 13 F12: a snippet read "\u003cimg src=…\u003e").
// Nothing of the JSON is printed when write fails.
func (e *env) printOut(asJSON bool, write func(io.Writer) error) error {
	if !asJSON {
		return write(e.stdout)
	}
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return err
	}
	_, err := e.stdout.Write(unescapeHTML(b.Bytes()))
	return err
}

// unescapeHTML returns the JSON doc with encoding/json's HTML escapes
// (\u003c, \u003e, \u0026) written as the characters. In JSON a
// backslash only ever starts an escape inside a string, so each is read
// with the character after it, and an escaped backslash followed by
// "u003c" (the text \u003c in a string) stays as it is.
func unescapeHTML(doc []byte) []byte {
	if !bytes.Contains(doc, []byte(`\u00`)) {
		return doc
	}
	out := make([]byte, 0, len(doc))
	for i := 0; i < len(doc); i++ {
		if doc[i] != '\\' || i+1 == len(doc) {
			out = append(out, doc[i])
			continue
		}
		if i+6 <= len(doc) {
			switch string(doc[i+1 : i+6]) {
			case "u003c":
				out, i = append(out, '<'), i+5
				continue
			case "u003e":
				out, i = append(out, '>'), i+5
				continue
			case "u0026":
				out, i = append(out, '&'), i+5
				continue
			}
		}
		out, i = append(out, doc[i], doc[i+1]), i+1
	}
	return out
}
