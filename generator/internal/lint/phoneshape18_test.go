package lint

import (
	"math/rand"
	"testing"
)

// TestPhoneShapedKeepsEveryMatch: the prefilter of pii/phone never skips a
// line one of phoneREs matches (random lines of the characters the
// patterns read), and does skip a line of numbers that holds no
// separator between digits (QA 18 A: log text took two thirds of lint).
func TestPhoneShapedKeepsEveryMatch(t *testing.T) {
	r := rand.New(rand.NewSource(18))
	const alphabet = "0123456789012345678901234567890123456789+-.() x"
	matched := 0
	for range 300000 {
		b := make([]byte, 8+r.Intn(24))
		for i := range b {
			b[i] = alphabet[r.Intn(len(alphabet))]
		}
		l := string(b)
		for _, re := range phoneREs {
			if re.MatchString(l) {
				matched++
				if !phoneShaped(l) {
					t.Fatalf("phoneShaped(%q) = false, but a phone pattern matches it", l)
				}
				break
			}
		}
	}
	if matched < 1000 {
		t.Fatalf("only %d random lines matched a pattern: the test checks too little", matched)
	}
	for _, l := range []string{"retry314 worker4242 queue55 cache1234567", "v1.2.3 then 415.555.2671"} {
		if got, want := phoneShaped(l), l != "retry314 worker4242 queue55 cache1234567"; got != want {
			t.Errorf("phoneShaped(%q) = %v, want %v", l, got, want)
		}
	}
}
