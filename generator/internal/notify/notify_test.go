package notify

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pmkb/pmkb/generator/internal/actions/actionstest"
	"github.com/pmkb/pmkb/generator/model"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", name, diff)
	}
}

type digestView struct {
	Owner            string
	Overdue, DueSoon int
	Keys             []string
}

func view(d Digest) []digestView {
	var out []digestView
	for _, o := range d.Owners {
		v := digestView{Owner: o.Owner, Overdue: o.Overdue, DueSoon: o.DueSoon}
		for _, r := range o.Items {
			v.Keys = append(v.Keys, r.Key)
		}
		out = append(out, v)
	}
	return out
}

func TestBuildDigest(t *testing.T) {
	kb := actionstest.KB("/")
	tests := []struct {
		soon             int
		overdue, dueSoon int
		want             []digestView
	}{
		{7, 3, 2, []digestView{
			{"aiko", 2, 1, // as 2 of its 3 items spell it (QA round 7, #12)
				[]string{"2024-03-14-checkout-cert#AI-2", "2024-04-20-dns#AI-1", "2024-03-14-checkout-cert#AI-3"}},
			{"eve", 1, 0, []string{"2024-05-09-disk#AI-1"}},
			{"dave", 0, 1, []string{"2024-04-20-dns#AI-5"}},
		}},
		{5, 3, 2, nil}, // due 2024-05-15 is exactly 5 days ahead: included
		{4, 3, 1, nil},
		{0, 3, 1, nil},  // due today only
		{-1, 3, 2, nil}, // default 7
	}
	for _, tt := range tests {
		d := BuildDigest(kb, tt.soon)
		if d.Overdue != tt.overdue || d.DueSoon != tt.dueSoon {
			t.Errorf("soon=%d: %d overdue %d soon, want %d %d", tt.soon, d.Overdue, d.DueSoon, tt.overdue, tt.dueSoon)
		}
		if tt.want != nil {
			if diff := cmp.Diff(tt.want, view(d)); diff != "" {
				t.Errorf("soon=%d (-want +got):\n%s", tt.soon, diff)
			}
		}
	}
	if d := BuildDigest(kb, -1); d.SoonDays != DefaultSoonDays {
		t.Errorf("default soon days %d", d.SoonDays)
	}
}

type payload struct {
	Text   string `json:"text"`
	Blocks []struct {
		Type string `json:"type"`
		Text *struct {
			Type string `json:"type"`
			Text string `json:"text"`
		} `json:"text"`
		Elements []struct {
			Type string `json:"type"`
			Text string `json:"text"`
		} `json:"elements"`
	} `json:"blocks"`
}

func decodePayload(t *testing.T, data []byte) payload {
	t.Helper()
	var p payload
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatalf("payload is not JSON: %v", err)
	}
	if len(p.Blocks) > maxBlocks {
		t.Errorf("%d blocks", len(p.Blocks))
	}
	for _, b := range p.Blocks {
		if b.Text != nil && textLen(b.Text.Text) > maxSectionText {
			t.Errorf("block text of %d characters", textLen(b.Text.Text))
		}
		if b.Type == "header" && textLen(b.Text.Text) > maxHeaderText {
			t.Errorf("header of %d characters", textLen(b.Text.Text))
		}
	}
	return p
}

func TestSlackPayloadGolden(t *testing.T) {
	pms := actionstest.Postmortems()
	// Give the item with markup in its title a due date so it is in the
	// digest.
	pms[1].ActionItems[3].Due = model.Date{Year: 2024, Month: 5, Day: 12}
	kb := model.New(model.DefaultSiteConfig(), actionstest.Today, pms)
	d := BuildDigest(kb, 7)

	data, err := SlackPayload(d, "https://kb.example.com/pm/", nil)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "digest.json", data)
	p := decodePayload(t, data)
	all := string(data)
	for _, bad := range []string{"<!channel>", "<script>", "& co"} {
		if strings.Contains(all, bad) {
			t.Errorf("unescaped %q in payload", bad)
		}
	}
	if !strings.Contains(all, "&lt;!channel&gt; &amp; co") {
		t.Error("escaped title missing")
	}
	if !strings.Contains(all, "<https://tracker.example.com/browse?id=1&amp;x=%3C2%3E|ticket>") {
		t.Error("tracker link not escaped as expected")
	}
	if p.Blocks[0].Type != "header" || p.Blocks[0].Text.Text != "Postmortem action items: 3 overdue, 3 due soon" {
		t.Errorf("header %+v", p.Blocks[0].Text)
	}
	if !strings.Contains(p.Blocks[3].Text.Text, "<https://kb.example.com/pm/postmortems/2024-03-14-checkout-cert/#item-AI-2|Alert 14 days before any certificate expires> — due 2024-03-29, *42 days overdue*") {
		t.Errorf("aiko section %q", p.Blocks[3].Text.Text)
	}

	plain, err := SlackPayload(d, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(plain), "kb.example.com") || !strings.Contains(string(plain), "Alert 14 days before any certificate expires — due") {
		t.Errorf("payload without a site URL links pages:\n%s", plain)
	}
}

// TestSlackPayloadEmptyIsAnError checks that an empty digest has no
// message: Notify posts nothing then, so the "all on track" message
// SlackPayload used to build for it was never sent.
func TestSlackPayloadEmptyIsAnError(t *testing.T) {
	kb := model.New(model.DefaultSiteConfig(), actionstest.Today, nil)
	data, err := SlackPayload(BuildDigest(kb, 7), "", nil)
	if err == nil {
		t.Errorf("SlackPayload(empty digest) = %s, want an error", data)
	}
}

// TestSlackPayloadSoonWords checks how the message says how far ahead it
// looks: --soon-days 0 is "due today", not "due within 0 days" (QA round
// 7, #10).
func TestSlackPayloadSoonWords(t *testing.T) {
	kb := actionstest.KB("/")
	for _, tt := range []struct {
		soon          int
		text, summary string
	}{
		{0, "Postmortem action items: 3 overdue, 1 due today", "*3 overdue* and *1 due* today."},
		{1, "Postmortem action items: 3 overdue, 1 due within 1 day", "*3 overdue* and *1 due* within 1 day."},
		{7, "Postmortem action items: 3 overdue, 2 due within 7 days", "*3 overdue* and *2 due* within 7 days."},
	} {
		data, err := SlackPayload(BuildDigest(kb, tt.soon), "", nil)
		if err != nil {
			t.Fatal(err)
		}
		p := decodePayload(t, data)
		if p.Text != tt.text || !strings.HasSuffix(p.Blocks[1].Text.Text, tt.summary) {
			t.Errorf("soon=%d: text %q, summary %q; want %q, … %q", tt.soon, p.Text, p.Blocks[1].Text.Text, tt.text, tt.summary)
		}
	}
}

func TestSlackPayloadLimits(t *testing.T) {
	var pms []*model.Postmortem
	// 100 owners with one overdue item each, and one owner with 200 long
	// overdue items.
	for i := range 100 {
		pms = append(pms, &model.Postmortem{ID: fmt.Sprintf("pm-%03d", i), Date: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
			ActionItems: []model.ActionItem{{ID: "AI-1", Title: "t", Owner: fmt.Sprintf("owner-%03d", i), Due: model.Date{Year: 2024, Month: 2, Day: 1}}}})
	}
	big := &model.Postmortem{ID: "big", Date: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	for i := range 200 {
		big.ActionItems = append(big.ActionItems, model.ActionItem{ID: fmt.Sprintf("AI-%d", i),
			Title: strings.Repeat("長いタイトル", 40), Owner: "busy", Due: model.Date{Year: 2024, Month: 1, Day: 2}})
	}
	pms = append(pms, big)
	kb := model.New(model.DefaultSiteConfig(), actionstest.Today, pms)
	data, err := SlackPayload(BuildDigest(kb, 7), "https://kb.example.com", nil)
	if err != nil {
		t.Fatal(err)
	}
	p := decodePayload(t, data)
	if len(p.Blocks) != maxBlocks {
		t.Fatalf("%d blocks, want %d", len(p.Blocks), maxBlocks)
	}
	last := p.Blocks[len(p.Blocks)-1]
	// header, summary, divider, 46 owners shown: 101-46 = 55 left with 55 items.
	if last.Type != "context" || !strings.HasPrefix(last.Elements[0].Text, "…and 55 more owners with 55 items.") {
		t.Errorf("last block %+v", last)
	}
	busy := p.Blocks[3].Text.Text
	if !strings.HasPrefix(busy, "*busy* (200 overdue)") {
		t.Fatalf("busy owner not first: %q", busy[:40])
	}
	lines := strings.Split(busy, "\n")
	shown := len(lines) - 2 // heading and "…and N more"
	var more int
	if _, err := fmt.Sscanf(lines[len(lines)-1], "…and %d more", &more); err != nil {
		t.Fatalf("last line %q: %v", lines[len(lines)-1], err)
	}
	if shown+more != 200 || shown == 0 {
		t.Errorf("%d shown + %d more, want 200", shown, more)
	}
	if !strings.Contains(lines[1], "…") {
		t.Errorf("long title not cut: %q", lines[1])
	}
}

// slack is a stand-in for Slack's webhook endpoint answering with the
// scripted statuses in turn.
type slack struct {
	mu       sync.Mutex
	statuses []int
	headers  []map[string]string
	bodies   []string
	got      [][]byte
}

func (s *slack) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	body, _ := io.ReadAll(r.Body)
	if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json; charset=utf-8" || r.URL.Path != "/services/T000/B000/SECRETxyz" {
		http.Error(w, "bad request shape", http.StatusTeapot)
		return
	}
	s.got = append(s.got, body)
	i := len(s.got) - 1
	status, text := http.StatusOK, "ok"
	if i < len(s.statuses) {
		status = s.statuses[i]
	}
	if i < len(s.headers) {
		for k, v := range s.headers[i] {
			w.Header().Set(k, v)
		}
	}
	if i < len(s.bodies) {
		text = s.bodies[i]
	}
	w.WriteHeader(status)
	io.WriteString(w, text)
}

func TestSenderPost(t *testing.T) {
	const secret = "/services/T000/B000/SECRETxyz"
	tests := []struct {
		name     string
		slack    *slack
		retries  int
		wantErr  string // substring; "" means success
		attempts int
		sleeps   []time.Duration
	}{
		{"success", &slack{}, 0, "", 1, nil},
		{"429 then 200 honours Retry-After", &slack{statuses: []int{429, 200},
			headers: []map[string]string{{"Retry-After": "7"}}}, 0, "", 2, []time.Duration{7 * time.Second}},
		{"429 without Retry-After backs off", &slack{statuses: []int{429, 503, 200}}, 0, "", 3,
			[]time.Duration{time.Second, 2 * time.Second}},
		{"Retry-After is capped", &slack{statuses: []int{429, 200},
			headers: []map[string]string{{"Retry-After": "86400"}}}, 0, "", 2, []time.Duration{MaxRetryAfter}},
		{"500 every time", &slack{statuses: []int{500, 500, 500, 500, 500}, bodies: []string{"", "", "", "oops\nline"}}, 0,
			`500 Internal Server Error: "oops line" (after 4 attempts)`, 4,
			[]time.Duration{time.Second, 2 * time.Second, 4 * time.Second}},
		{"500 with two retries", &slack{statuses: []int{500, 502, 504}}, 2, "504 Gateway Timeout", 3,
			[]time.Duration{time.Second, 2 * time.Second}},
		{"no retries", &slack{statuses: []int{500}}, -1, "500", 1, nil},
		{"400 fails at once", &slack{statuses: []int{400}, bodies: []string{"invalid_payload"}}, 0,
			`400 Bad Request: "invalid_payload"`, 1, nil},
		{"404 fails at once", &slack{statuses: []int{404}, bodies: []string{"no_service"}}, 0, `404 Not Found: "no_service"`, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.slack)
			defer srv.Close()
			var sleeps []time.Duration
			s := &Sender{Client: srv.Client(), MaxRetries: tt.retries, Sleep: func(d time.Duration) { sleeps = append(sleeps, d) }}
			err := s.Post(context.Background(), srv.URL+secret, []byte(`{"text":"hi"}`))
			if tt.wantErr == "" && err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "SECRET") || !strings.Contains(err.Error(), srv.URL+"/…") {
					t.Errorf("error does not redact the webhook path: %v", err)
				}
				var se *StatusError
				if !errors.As(err, &se) {
					t.Errorf("error %T is not a *StatusError", err)
				}
			}
			if len(tt.slack.got) != tt.attempts {
				t.Errorf("%d attempts, want %d", len(tt.slack.got), tt.attempts)
			}
			for _, b := range tt.slack.got {
				if string(b) != `{"text":"hi"}` {
					t.Errorf("body %q", b)
				}
			}
			if diff := cmp.Diff(tt.sleeps, sleeps); diff != "" {
				t.Errorf("sleeps (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSenderNetworkErrorIsRedacted(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL + "/services/T000/B000/SECRETxyz"
	srv.Close() // nothing listens any more
	var sleeps int
	s := &Sender{MaxRetries: 2, Sleep: func(time.Duration) { sleeps++ }}
	err := s.Post(context.Background(), url, []byte("{}"))
	if err == nil || strings.Contains(err.Error(), "SECRET") {
		t.Fatalf("error %v: want a redacted network error", err)
	}
	if sleeps != 2 {
		t.Errorf("network errors retried %d times, want 2", sleeps)
	}
}

func TestSenderStopsWhenContextEnds(t *testing.T) {
	sl := &slack{statuses: []int{500, 500, 500, 500}}
	srv := httptest.NewServer(sl)
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	s := &Sender{Client: srv.Client(), Sleep: func(time.Duration) { cancel() }}
	err := s.Post(ctx, srv.URL+"/services/T000/B000/SECRETxyz", []byte("{}"))
	if err == nil || len(sl.got) != 1 {
		t.Errorf("err %v after %d attempts, want an error after 1", err, len(sl.got))
	}
}

func TestSenderRejectsBadURL(t *testing.T) {
	for _, u := range []string{"", "hooks.example.com/services/x", "ftp://h/x", "://bad"} {
		err := (&Sender{}).Post(context.Background(), u, []byte("{}"))
		if err == nil || !strings.Contains(err.Error(), "not an http(s) URL") || (u != "" && strings.Contains(err.Error(), "services/x")) {
			t.Errorf("Post(%q) = %v", u, err)
		}
	}
}

func TestRedactURL(t *testing.T) {
	tests := map[string]string{
		"https://hooks.slack.com/services/T0/B0/XYZ": "https://hooks.slack.com/…",
		"https://user:pw@example.com":                "https://example.com/…",
		"https://example.com":                        "https://example.com",
		"not a url":                                  "(webhook URL)",
	}
	for in, want := range tests {
		if got := RedactURL(in); got != want {
			t.Errorf("RedactURL(%q) = %q, want %q", in, got, want)
		}
	}
}
