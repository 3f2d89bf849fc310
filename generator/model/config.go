package model

import (
	"slices"
	"time"
)

// SiteConfig is the decoded site configuration (pmkb.toml or pmkb.yaml at
// the site root). Every field has a sane default; see DefaultSiteConfig.
type SiteConfig struct {
	// Title is the site's name, shown in the header and feeds.
	Title string
	// BaseURL is the absolute URL the site is published under, with a
	// trailing slash; it may have a path ("https://intranet/pm/").
	BaseURL string
	// Language is the site's UI language: "en" or "ja".
	Language string
	// TimeZone reads times without an offset; default UTC.
	TimeZone *time.Location
	// Today is the build's date for "overdue" and "age"; zero means the
	// caller's clock (the CLI passes --today or the current date).
	Today Date
	// Repository is a URL prefix for "edit this file" links, e.g.
	// "https://github.com/acme/postmortems/edit/main/"; empty hides them.
	Repository string
	// Severities are the levels, worst first.
	Severities []Severity
	// Causes is the cause vocabulary; when non-empty, causes outside it are
	// errors.
	Causes []Term
	// Systems is the systems catalog; when non-empty, systems outside it
	// are errors.
	Systems []System
	// UnsafeHTML keeps raw HTML in Markdown bodies. Off by default: raw
	// HTML is escaped.
	UnsafeHTML bool
	// MaxFileBytes is the largest postmortem file read; larger files are an
	// error before parsing.
	MaxFileBytes int64
	// RepeatWindowDays is how close two incidents sharing a system and a
	// cause must be for the later one to count as a repeat.
	RepeatWindowDays int
	// LintRules re-grades lint rules by id: "off", "warning" or "error".
	LintRules map[string]string
	// LintRuleLines are the config-file lines of the keys of LintRules,
	// for messages about them.
	LintRuleLines map[string]int
	// LintAllow lists fingerprints of secrets a reviewer has allowed.
	LintAllow []string
}

// Severity is one configured severity level.
type Severity struct {
	// Level is the value written in front-matter, e.g. "SEV1".
	Level string
	// Label is the human name, e.g. "Critical".
	Label string
	// Color is a CSS colour for badges, e.g. "#b60205".
	Color string
}

// Term is one entry of a vocabulary (causes).
type Term struct {
	Slug        string
	Name        string
	Description string
}

// System is one entry of the systems catalog.
type System struct {
	Slug        string
	Name        string
	Team        string
	Description string
}

// DefaultSeverities are the levels used when the config names none.
var DefaultSeverities = []Severity{
	{Level: "SEV1", Label: "Critical", Color: "#b3261e"},
	{Level: "SEV2", Label: "Major", Color: "#c2410c"},
	{Level: "SEV3", Label: "Minor", Color: "#a16207"},
	{Level: "SEV4", Label: "Low", Color: "#4d7c0f"},
}

// DefaultSiteConfig returns the configuration used when pmkb.toml is absent,
// and the base every config file is laid over.
func DefaultSiteConfig() SiteConfig {
	return SiteConfig{
		Title:            "Postmortems",
		BaseURL:          "/",
		Language:         "en",
		TimeZone:         time.UTC,
		Severities:       slices.Clone(DefaultSeverities),
		MaxFileBytes:     2 << 20,
		RepeatWindowDays: 180,
	}
}

// SeverityRank returns the index of level in the configured order (0 is the
// worst) and whether it is configured.
func (c *SiteConfig) SeverityRank(level string) (int, bool) {
	for i, s := range c.Severities {
		if s.Level == level {
			return i, true
		}
	}
	return len(c.Severities), false
}

// Severity returns the configured level named level.
func (c *SiteConfig) Severity(level string) (Severity, bool) {
	if i, ok := c.SeverityRank(level); ok {
		return c.Severities[i], true
	}
	return Severity{Level: level, Label: level}, false
}

// Cause returns the vocabulary entry for slug, or a Term named after the slug
// when the vocabulary does not hold it.
func (c *SiteConfig) Cause(slug string) (Term, bool) {
	for _, t := range c.Causes {
		if t.Slug == slug {
			return t, true
		}
	}
	return Term{Slug: slug, Name: slug}, false
}

// System returns the catalog entry for slug, or a System named after the
// slug when the catalog does not hold it.
func (c *SiteConfig) System(slug string) (System, bool) {
	for _, s := range c.Systems {
		if s.Slug == slug {
			return s, true
		}
	}
	return System{Slug: slug, Name: slug}, false
}
