package model

// EscapedHTML is raw HTML in a postmortem body that is shown as text
// instead of rendered, while the site's unsafeHTML is off: a tag that is
// not one of the few allowed without it (<br>, <details>, <summary>,
// <sub>, <sup>, <kbd>, written without attributes), or an allowed tag
// whose opening and closing tags do not pair up in the body.
type EscapedHTML struct {
	// Line is the file line of the tag.
	Line int
	// Tag is the tag, shortened to its name: "<div>", "</span>", "<br …>"
	// (with attributes).
	Tag string
	// Unpaired is set for an allowed tag whose opening and closing tags do
	// not pair up (every tag of its name is shown as text).
	Unpaired bool
	// InText is set for a tag that names an element in running text ("the
	// <select> of countries"): an opening tag without attributes, inline,
	// whose paragraph does not close it. Shown as text is what its writer
	// meant; lint says once per body to write such names as code.
	InText bool
	// Nameless is set, with Unpaired, for a <details> not followed by its
	// <summary> and for a <summary> without text right after its
	// <details>: the tags pair up, but the disclosure widget would have no
	// name, so they are shown as text with the tags they pair up with (QA
	// 18 C-F10). A tag that does not pair up is noted as Unpaired only.
	Nameless bool
	// Unclosed is set for an HTML comment ("<!--", its Tag) that is never
	// closed with "-->": it hides the rest of its block, which for a
	// comment on lines of its own is the rest of the body (or of its list
	// item or block quote), as on GitHub (QA 21r F6). Hides is the number
	// of lines after the comment's line that it hides, up to the last
	// one with text.
	Unclosed bool
	Hides    int
}
