package search

import (
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

func pm(id, title string, day int, systems, causes []string) *model.Postmortem {
	return &model.Postmortem{ID: id, Path: "content/postmortems/" + id + ".md", Title: title,
		Date: time.Date(2024, 3, day, 0, 0, 0, 0, time.UTC), Severity: "SEV2", Systems: systems, Causes: causes}
}

func TestSimilar(t *testing.T) {
	pms := []*model.Postmortem{
		pm("cert-1", "Checkout API TLS certificate expired", 1, []string{"checkout-api"}, []string{"expired-certificate"}),
		pm("cert-2", "Gateway certificate expired at night", 2, []string{"api-gateway"}, []string{"expired-certificate"}),
		pm("cert-3", "証明書の期限切れで決済が停止", 3, []string{"checkout-api"}, []string{"expired-certificate"}),
		pm("dns-1", "DNS resolver overloaded", 4, []string{"dns"}, []string{"capacity"}),
		pm("dns-2", "DNS resolver misconfigured", 5, []string{"dns"}, []string{"config-change"}),
		pm("lonely", "Coffee machine", 6, []string{"kitchen"}, []string{"human-error"}),
	}
	kb := model.New(model.DefaultSiteConfig(), model.Date{Year: 2024, Month: 4, Day: 1}, pms)
	got := Similar(kb, 2)
	want := map[string][]string{
		"cert-1": {"cert-3", "cert-2"},
		"cert-2": {"cert-1", "cert-3"},
		"cert-3": {"cert-1", "cert-2"},
		"dns-1":  {"dns-2"},
		"dns-2":  {"dns-1"},
		"lonely": {},
	}
	if !maps.EqualFunc(got, want, slices.Equal) {
		t.Errorf("Similar = %v\nwant %v", got, want)
	}
	again := Similar(kb, 2)
	if !maps.EqualFunc(got, again, slices.Equal) {
		t.Errorf("Similar is not deterministic: %v then %v", got, again)
	}
}
