package model

import (
	"fmt"
	"strconv"
)

// Syntax is the language front matter (or a site's config) is written in.
// The zero value is YAML, the template's.
type Syntax uint8

// The front-matter syntaxes.
const (
	SyntaxYAML Syntax = iota
	SyntaxTOML
	SyntaxJSON
)

// ValueKind says how Syntax.Setting writes a value.
type ValueKind uint8

// The kinds of value Syntax.Setting writes.
const (
	TextValue   ValueKind = iota // draft: bare in YAML, quoted in TOML and JSON
	QuotedValue                  // "1.10": quoted in every syntax
	DateValue                    // 2026-12-01: quoted in JSON only
	ListValue                    // a list of the one text item: [web] in YAML, ["web"] in TOML and JSON
)

// Setting is key set to value as front matter in s writes it —
// "key: value" in YAML, "key = value" in TOML, "\"key\": value" in JSON —
// so that a hint can be pasted into the file (a TOML file told to write
// version: "1.10" would have a syntax error).
func (s Syntax) Setting(key, value string, kind ValueKind) string {
	quoted := strconv.Quote(value)
	if kind == ListValue {
		switch s {
		case SyntaxTOML:
			return fmt.Sprintf("%s = [%s]", key, quoted)
		case SyntaxJSON:
			return fmt.Sprintf("%s: [%s]", strconv.Quote(key), quoted)
		}
		return fmt.Sprintf("%s: [%s]", key, value)
	}
	switch {
	case s == SyntaxJSON:
		return strconv.Quote(key) + ": " + quoted
	case s == SyntaxTOML && kind == DateValue:
		return key + " = " + value
	case s == SyntaxTOML:
		return key + " = " + quoted
	case kind == QuotedValue:
		return key + ": " + quoted
	}
	return key + ": " + value
}
