package model

import "strings"

// BalanceBidi returns s with its bidirectional controls balanced: a
// terminator that closes nothing (U+202C POP DIRECTIONAL FORMATTING
// without an embedding or override, U+2069 POP DIRECTIONAL ISOLATE without
// an isolate) is dropped, and an embedding, override or isolate left open
// (U+202A-U+202E, U+2066-U+2068) is closed at the end of s, as the
// Unicode bidirectional algorithm pairs them (a PDI also closes the
// embeddings opened inside its isolate). So a string written in a
// postmortem reorders only itself wherever a page puts it: an override
// left open reversed the text after the string, and a stray U+2069
// closed the isolate of the <bdi> that holds it (review 15, web 1).
// A string without such controls, nearly every one, is returned as it is.
func BalanceBidi(s string) string {
	if !strings.ContainsFunc(s, isBidiControl) {
		return s
	}
	const (
		pdf = '\u202c'
		pdi = '\u2069'
	)
	var (
		b     strings.Builder
		stack []rune // the terminator each open control wants
	)
	b.Grow(len(s) + 6)
	for _, r := range s {
		switch {
		case r == pdf:
			if len(stack) == 0 || stack[len(stack)-1] != pdf {
				continue // closes nothing in its isolate
			}
			stack = stack[:len(stack)-1]
		case r == pdi:
			i := len(stack) - 1
			for i >= 0 && stack[i] != pdi {
				i--
			}
			if i < 0 {
				continue // no isolate to close
			}
			stack = stack[:i]
		case r >= '\u202a' && r <= '\u202e':
			stack = append(stack, pdf)
		case r >= '\u2066' && r <= '\u2068':
			stack = append(stack, pdi)
		}
		b.WriteRune(r)
	}
	for i := len(stack) - 1; i >= 0; i-- {
		b.WriteRune(stack[i])
	}
	return b.String()
}

// isBidiControl reports whether r is an embedding, override, isolate or
// their terminator.
func isBidiControl(r rune) bool {
	return r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069'
}
