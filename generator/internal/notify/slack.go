package notify

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/pmkb/pmkb/generator/internal/actions"
	"github.com/pmkb/pmkb/generator/internal/render"
	"github.com/pmkb/pmkb/generator/internal/source"
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
//
// The message's own words are w's, the theme's UI strings in the site's
// language (qa7-a #4: a Japanese team got an English digest); nil w means
// the built-in theme's English.
//
// An empty d is an error: there is no message for it, since Notify posts
// nothing when nothing is overdue or due soon.
func SlackPayload(d Digest, siteURL string, w *render.Words) ([]byte, error) {
	if d.Empty() {
		return nil, errors.New("no message for an empty digest: nothing is overdue or due soon")
	}
	w, err := render.WordsOrDefault(w)
	if err != nil {
		return nil, err
	}
	site := strings.TrimSpace(siteURL)
	if site != "" {
		// Encoded once, as a config's baseURL is: the page paths after
		// it are encoded, and /障害kb/ stayed raw before them (QA 16
		// D-F17).
		site = strings.TrimSuffix(source.EncodeBaseURL(site), "/")
	}
	msg := slackMessage{Text: escape(w.Format("notify.text", d.Overdue, d.DueSoon, soonWords(w, d.SoonDays)))}
	msg.Blocks = append(msg.Blocks, slackBlock{Type: "header", Text: &slackText{
		Type: "plain_text", Text: truncate(w.Format("notify.header", d.Overdue, d.DueSoon), maxHeaderText), Emoji: true}})

	summary := w.Format("notify.summary", d.Today, d.Overdue, d.DueSoon, soonWords(w, d.SoonDays))
	if site != "" {
		summary += " " + link(site+"/actions/", escape(w.String("notify.allItems")))
	}
	msg.Blocks = append(msg.Blocks, mrkdwnSection(summary))
	msg.Blocks = append(msg.Blocks, slackBlock{Type: "divider"})

	room := maxBlocks - len(msg.Blocks)
	shown := d.Owners
	if len(shown) > room {
		shown = shown[:room-1] // keep one block for the "more owners" line
	}
	for _, o := range shown {
		msg.Blocks = append(msg.Blocks, mrkdwnSection(ownerText(w, o, d.Today, site)))
	}
	if rest := d.Owners[len(shown):]; len(rest) > 0 {
		items := 0
		for _, o := range rest {
			items += len(o.Items)
		}
		text := w.Format("notify.moreOwners", w.Format("notify.owners", len(rest)), w.Format("notify.items", items))
		if site != "" {
			text += " " + link(site+"/actions/", escape(w.String("notify.seeAll")))
		}
		msg.Blocks = append(msg.Blocks, slackBlock{Type: "context", Elements: []slackText{{Type: "mrkdwn", Text: text}}})
	}
	if err := w.Err(); err != nil {
		return nil, err
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

// soonWords says how far "due soon" looks: "within 7 days", "within 1
// day", or "today" for 0.
func soonWords(w *render.Words, days int) string {
	if days == 0 {
		return w.String("notify.soonToday")
	}
	return w.Format("notify.soon", days)
}

// ownerText is one owner's section: a bold heading and a bullet per item,
// cut to maxSectionText with a "…and N more" line.
func ownerText(w *render.Words, o OwnerDigest, today model.Date, site string) string {
	var counts []string
	if o.Overdue > 0 {
		counts = append(counts, w.Format("notify.ownerOverdue", o.Overdue))
	}
	if o.DueSoon > 0 {
		counts = append(counts, w.Format("notify.ownerSoon", o.DueSoon))
	}
	head := w.Format("notify.owner", escape(oneLine(o.Owner)), strings.Join(counts, w.String("notify.sep")))
	lines := []string{head}
	size := textLen(head)
	for i, r := range o.Items {
		l := "• " + itemText(w, r, today, site)
		more := ""
		if left := len(o.Items) - i - 1; left > 0 {
			more = "\n" + w.Format("notify.more", left)
		}
		// Add the line only if it and, when items remain, a "more" line fit.
		if size+1+textLen(l)+textLen(more) > maxSectionText {
			lines = append(lines, w.Format("notify.more", len(o.Items)-i))
			break
		}
		lines = append(lines, l)
		size += 1 + textLen(l)
	}
	return strings.Join(lines, "\n")
}

func itemText(w *render.Words, r actions.Row, today model.Date, site string) string {
	title := escape(truncate(oneLine(r.Title), maxTitleRunes))
	if site != "" {
		// The item's row on its postmortem's page, as the url of
		// actions.json links it.
		title = link(actions.ItemURL(site+"/", r.Postmortem, r.ID), title)
	}
	var when string
	switch n := today.DaysUntil(r.Due); {
	case r.Overdue:
		when = w.Format("notify.overdue", r.Due, w.Format("overdue.days", r.DaysOverdue))
	case n == 0:
		when = w.Format("notify.dueToday", r.Due)
	case n == 1:
		when = w.Format("notify.dueTomorrow", r.Due)
	default:
		when = w.Format("notify.dueIn", n, r.Due)
	}
	s := fmt.Sprintf("%s — %s · `%s`", title, when, escape(oneLine(r.Key)))
	if u := webURL(r.Link); u != "" {
		s += " · " + link(u, escape(w.String("notify.ticket")))
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

// oneLine replaces control characters (newlines included) and
// bidirectional controls (U+202E and its kin, which reorder the rest of
// the line in Slack as in a terminal) by spaces. Other format characters
// stay: the zero-width joiner holds emoji sequences together.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
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
