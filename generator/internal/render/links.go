package render

import (
	"net/url"
	"strings"
)

// rootOf returns the relative path from the page at outPath (a file path
// such as "postmortems/x/index.html") back to the site root: "./" for a
// page at the root, "../../" two folders down.
func rootOf(outPath string) string {
	n := strings.Count(outPath, "/")
	if n == 0 {
		return "./"
	}
	return strings.Repeat("../", n)
}

// escapePath percent-escapes each segment of a slash-separated site path,
// so an id with "#", "?" or "%" in it still names its own page.
func escapePath(sitePath string) string {
	if plainPath(sitePath) {
		return sitePath
	}
	segs := strings.Split(sitePath, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// plainPath reports whether p has only characters that url.PathEscape
// leaves as they are (and slashes).
func plainPath(p string) bool {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
			return false
		}
	}
	return true
}

// linker makes links from one page: every internal link is relative to the
// page (or, for 404.html, absolute from the base path) and names the
// index.html file, so the site works from file://, under a sub-path and on
// any static host.
type linker struct {
	root string // "./", "../../" or, for 404.html, the base path "/pm/"
}

// To returns the link to the page at sitePath ("postmortems/x/", "" for the
// home page).
func (l linker) To(sitePath string) string {
	return l.root + escapePath(sitePath) + "index.html"
}

// File returns the link to a file at sitePath ("assets/pmkb.css").
func (l linker) File(sitePath string) string { return l.root + escapePath(sitePath) }

// basePath returns the path part of the base URL with leading and trailing
// slashes ("/", "/pm/"), for links that must work at any depth (404.html).
func basePath(baseURL string) string {
	u, err := url.Parse(baseURL)
	p := "/"
	if err == nil && u.Path != "" {
		p = u.Path
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// absoluteBase returns the base URL with a trailing slash when it is an
// absolute http(s) URL, else "" (no canonical links then).
func absoluteBase(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	if !strings.HasSuffix(baseURL, "/") {
		baseURL += "/"
	}
	return baseURL
}

// safeURL returns s when it is an absolute http(s) URL, else "": a tracker
// link or repository prefix from content never becomes a javascript: or
// data: link.
func safeURL(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return strings.TrimSpace(s)
}

// tagLink is the link of a tag to its page ("../../tags/%E5%86%8D%E7%99%BA/index.html"),
// which lists the other incidents with that tag.
func (b *builder) tagLink(l linker, tag string) termLink {
	return termLink{Name: tag, Href: l.To(b.tagPath(tag))}
}

// tagSearch is the link to the search page filtered by a tag
// ("../../search/index.html?tag=%E5%86%8D%E7%99%BA").
func tagSearch(l linker, tag string) string {
	return l.To("search/") + "?" + url.Values{"tag": {tag}}.Encode()
}
