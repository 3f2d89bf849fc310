package validate

import (
	"slices"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

// TestRelatedByFileName checks that a related: link naming the file of a
// postmortem that sets id: suggests that postmortem's id, naming its file,
// rather than whichever id shares the most letters with the file name (QA
// 19 A-F5: `related: [2024-03-02-c]` was told `did you mean
// "2024-03-01-b"?`, an unrelated incident; a realistic id got no hint).
func TestRelatedByFileName(t *testing.T) {
	cfg := model.DefaultSiteConfig()
	a := valid(func(p *model.Postmortem) {
		p.ID, p.Path = "2024-03-14-a", "content/postmortems/2024-03-14-a.md"
		p.Related = []string{"2024-03-02-c", "2023-10-19-auth-service-software-bug-82"}
	})
	b := valid(func(p *model.Postmortem) { p.ID, p.Path = "2024-03-01-b", "content/postmortems/2024-03-01-b.md" })
	c := valid(func(p *model.Postmortem) {
		p.ID, p.Path, p.Lines["id"] = "cee", "content/postmortems/2024-03-02-c.md", 2
	})
	auth := valid(func(p *model.Postmortem) {
		p.ID, p.Path, p.Lines["id"] = "auth-login-outage", "content/postmortems/2023/2023-10-19-auth-service-software-bug-82.md", 2
	})
	got := messages(Postmortems(&cfg, []*model.Postmortem{a, b, c, auth}, nil))
	want := []string{
		`content/postmortems/2024-03-14-a.md:7: related: no postmortem has id "2024-03-02-c"; did you mean "cee" (the id: of content/postmortems/2024-03-02-c.md)?`,
		`content/postmortems/2024-03-14-a.md:7: related: no postmortem has id "2023-10-19-auth-service-software-bug-82"; did you mean "auth-login-outage" (the id: of content/postmortems/2023/2023-10-19-auth-service-software-bug-82.md)?`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// TestRepeatedSlugInAnotherSpelling checks that a system or cause that
// reads as one the list has already (DNS after dns) is left out with a
// warning at its line, as a repeat written alike is by the loader (QA 19
// A-F2: it was dropped without a word).
func TestRepeatedSlugInAnotherSpelling(t *testing.T) {
	cfg := model.DefaultSiteConfig()
	p := valid(func(p *model.Postmortem) {
		p.Causes = []string{"dns", "DNS"}
		p.Lines["causes[0]"], p.Lines["causes[1]"] = 6, 7
	})
	l := Postmortems(&cfg, []*model.Postmortem{p}, nil)
	want := []string{`content/postmortems/a.md:7: warning: causes: "DNS" is read as "dns", which the list has already; the repeat is left out: delete it`}
	if got := messages(l); !slices.Equal(got, want) || !slices.Equal(p.Causes, []string{"dns"}) {
		t.Errorf("causes %q, got %q\nwant [dns], %q", p.Causes, got, want)
	}
}

// TestTimelineOrderShowsFractions checks that the order error shows the
// fraction of a second its moments were written with, which the order
// check reads (QA 19 A-F4: "09:12:00 is before 09:12:00", two times
// shown equal), and no fraction for a moment written without one.
func TestTimelineOrderShowsFractions(t *testing.T) {
	cfg := model.DefaultSiteConfig()
	tokyo := time.FixedZone("", 9*3600)
	p := valid(func(p *model.Postmortem) {
		p.Timeline.Started = time.Date(2024, 3, 14, 9, 12, 0, 900_000_000, tokyo)
		p.Timeline.Detected = time.Date(2024, 3, 14, 9, 12, 0, 100_000_000, tokyo)
		p.Timeline.Mitigated = time.Date(2024, 3, 14, 9, 11, 0, 0, tokyo)
		p.Lines["timeline.detected"], p.Lines["timeline.mitigated"] = 11, 12
	})
	want := []string{
		`content/postmortems/a.md:11: timeline.detected (2024-03-14T09:12:00.1+09:00) is before timeline.started (2024-03-14T09:12:00.9+09:00); moments must be in order started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved`,
		`content/postmortems/a.md:12: timeline.mitigated (2024-03-14T09:11:00+09:00) is before timeline.detected (2024-03-14T09:12:00.1+09:00); moments must be in order started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved`,
	}
	if got := messages(Postmortems(&cfg, []*model.Postmortem{p}, nil)); !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// TestRelatedByOwnFileName checks that related: naming the linking
// postmortem's own file name, when its id: says otherwise, is told it
// names the postmortem itself, not given another postmortem's id that
// shares its letters (QA 19 A-F5's case, from the other side).
func TestRelatedByOwnFileName(t *testing.T) {
	cfg := model.DefaultSiteConfig()
	self := valid(func(p *model.Postmortem) {
		p.ID, p.Path, p.Lines["id"] = "cee", "content/postmortems/2024-03-02-c.md", 2
		p.Related = []string{"2024-03-02-c"}
	})
	other := valid(func(p *model.Postmortem) { p.ID, p.Path = "2024-03-01-b", "content/postmortems/2024-03-01-b.md" })
	got := messages(Postmortems(&cfg, []*model.Postmortem{self, other}, nil))
	want := []string{`content/postmortems/2024-03-02-c.md:7: related names this postmortem itself ("2024-03-02-c" is its file name; its id: is "cee")`}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
