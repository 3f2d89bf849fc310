package notify

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/pmkb/pmkb/generator/internal/actions"
	"github.com/pmkb/pmkb/generator/model"
)

// Slack's limits on a Block Kit message.
const (
	maxBlocks      = 50
	maxSectionText = 3000
	maxHeaderText  = 150
	maxTitleRunes  = 150
)

type slackMessage struct {
	Text   string       `json:"text"`
	Blocks []slackBlock `json:"blocks"`
}

type slackBlock struct {
	Type     string      `json:"type"`
	Text     *slackText  `json:"text,omitempty"`
	Elements []slackText `json:"elements,omitempty"`
}

type slackText struct {
	Type  string `json:"type"`
	Text  string `json:"text"`
	Emoji bool   `json:"emoji,omitempty"`
}

// SlackPayload renders d as a Slack Block Kit message for an incoming
// webhook: a header with the counts, a summary linking to the site's
// action list, and one section per owner listing their items (linked to
// their postmortem pages when siteURL, the site's absolute base URL, is
// set; tracker links too when they are http(s)).
//
// Text from postmortems has &, < and > escaped as Slack requires, so a
// title cannot mention @channel or forge a link. Slack's limits hold: at
// most 50 blocks (further owners are summed up in a last "…and N more
// owners" line), at most 3000 characters a section (further items become
// "…and N more"), titles cut at 150 characters.
func SlackPayload(d Digest, siteURL string) ([]byte, error) {
	site := strings.TrimSuffix(strings.TrimSpace(siteURL), "/")
	msg := slackMessage{Text: escape(summaryLine(d))}
	msg.Blocks = append(msg.Blocks, slackBlock{Type: "header", Text: &slackText{
		Type: "plain_text", Text: truncate(headerLine(d), maxHeaderText), Emoji: true}})

	summary := fmt.Sprintf("As of %s: *%d overdue* and *%d due* %s.", d.Today, d.Overdue, d.DueSoon, soonWords(d.SoonDays))
	if d.Empty() {
		summary = fmt.Sprintf("As of %s nothing is overdue or due %s. :tada:", d.Today, soonWords(d.SoonDays))
	}
	if site != "" {
		summary += " " + link(site+"/actions/", "All action items")
	}
	msg.Blocks = append(msg.Blocks, mrkdwnSection(summary))
	if d.Empty() {
		return encode(msg)
	}
	msg.Blocks = append(msg.Blocks, slackBlock{Type: "divider"})

	room := maxBlocks - len(msg.Blocks)
	shown := d.Owners
	if len(shown) > room {
		shown = shown[:room-1] // keep one block for the "more owners" line
	}
	for _, o := range shown {
		msg.Blocks = append(msg.Blocks, mrkdwnSection(ownerText(o, d.Today, site)))
	}
	if rest := d.Owners[len(shown):]; len(rest) > 0 {
		items := 0
		for _, o := range rest {
			items += len(o.Items)
		}
		text := fmt.Sprintf("…and %d more %s with %d %s.", len(rest), plural(len(rest), "owner", "owners"),
			items, plural(items, "item", "items"))
		if site != "" {
			text += " " + link(site+"/actions/", "See them all")
		}
		msg.Blocks = append(msg.Blocks, slackBlock{Type: "context", Elements: []slackText{{Type: "mrkdwn", Text: text}}})
	}
	return encode(msg)
}

func encode(msg slackMessage) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(msg); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func mrkdwnSection(text string) slackBlock {
	return slackBlock{Type: "section", Text: &slackText{Type: "mrkdwn", Text: text}}
}

func summaryLine(d Digest) string {
	return fmt.Sprintf("Postmortem action items: %d overdue, %d due %s", d.Overdue, d.DueSoon, soonWords(d.SoonDays))
}

// soonWords says how far "due soon" looks: "within 7 days", "within 1
// day", or "today" for 0.
func soonWords(days int) string {
	if days == 0 {
		return "today"
	}
	return fmt.Sprintf("within %d %s", days, plural(days, "day", "days"))
}

func headerLine(d Digest) string {
	if d.Empty() {
		return "Postmortem action items: all on track"
	}
	return fmt.Sprintf("Postmortem action items: %d overdue, %d due soon", d.Overdue, d.DueSoon)
}

// ownerText is one owner's section: a bold heading and a bullet per item,
// cut to maxSectionText with a "…and N more" line.
func ownerText(o OwnerDigest, today model.Date, site string) string {
	var counts []string
	if o.Overdue > 0 {
		counts = append(counts, fmt.Sprintf("%d overdue", o.Overdue))
	}
	if o.DueSoon > 0 {
		counts = append(counts, fmt.Sprintf("%d due soon", o.DueSoon))
	}
	head := fmt.Sprintf("*%s* (%s)", escape(oneLine(o.Owner)), strings.Join(counts, ", "))
	lines := []string{head}
	size := textLen(head)
	for i, r := range o.Items {
		l := "• " + itemText(r, today, site)
		more := ""
		if left := len(o.Items) - i - 1; left > 0 {
			more = fmt.Sprintf("\n…and %d more", left)
		}
		// Add the line only if it and, when items remain, a "more" line fit.
		if size+1+textLen(l)+textLen(more) > maxSectionText {
			lines = append(lines, fmt.Sprintf("…and %d more", len(o.Items)-i))
			break
		}
		lines = append(lines, l)
		size += 1 + textLen(l)
	}
	return strings.Join(lines, "\n")
}

func itemText(r actions.Row, today model.Date, site string) string {
	title := escape(truncate(oneLine(r.Title), maxTitleRunes))
	if site != "" {
		// The item's row on its postmortem's page.
		title = link(site+"/"+pathEscape(model.PostmortemPath(r.Postmortem))+"#"+model.ActionAnchor(r.ID), title)
	}
	var when string
	switch n := today.DaysUntil(r.Due); {
	case r.Overdue:
		when = fmt.Sprintf("due %s, *%d %s overdue*", r.Due, r.DaysOverdue, plural(r.DaysOverdue, "day", "days"))
	case n == 0:
		when = fmt.Sprintf("due today (%s)", r.Due)
	case n == 1:
		when = fmt.Sprintf("due tomorrow (%s)", r.Due)
	default:
		when = fmt.Sprintf("due in %d days (%s)", n, r.Due)
	}
	s := fmt.Sprintf("%s — %s · `%s`", title, when, escape(oneLine(r.Key)))
	if u := webURL(r.Link); u != "" {
		s += " · " + link(u, "ticket")
	}
	return s
}

// escape applies Slack's text escaping: &, < and > become entities.
func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(strings.ToValidUTF8(s, "\uFFFD"))
}

// link is Slack's <url|label>; label must already be escaped. Characters
// that would end the link early are percent-encoded in the URL.
func link(u, label string) string {
	u = strings.NewReplacer("|", "%7C", "<", "%3C", ">", "%3E", " ", "%20").Replace(u)
	return "<" + strings.ReplaceAll(u, "&", "&amp;") + "|" + label + ">"
}

// webURL returns link when it is an absolute http(s) URL of a sane length,
// else "".
func webURL(link string) string {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || len(link) > 500 || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

func pathEscape(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// oneLine replaces control characters (newlines included) by spaces.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

// truncate cuts s to n characters, ending in "…" when it cut.
func truncate(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}

// textLen counts characters the way Slack's limits do (UTF-16 code units,
// which is never fewer than runes).
func textLen(s string) int { return len(utf16.Encode([]rune(s))) }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
