package main

import (
	"bytes"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestProgressLine(t *testing.T) {
	var buf bytes.Buffer
	clock := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	now := func() time.Time { return clock }
	p := newProgressLine(&buf, now)

	p.draw()
	if buf.Len() != 0 {
		t.Fatalf("drew %q within the first second", buf.String())
	}
	clock = clock.Add(1500 * time.Millisecond)
	p.draw()
	if got, want := buf.String(), "\rpmkb: loading the content · 1.5 s\x1b[K"; got != want {
		t.Errorf("line = %q, want %q", got, want)
	}

	// Files are counted from several goroutines; the line shows the most.
	var wg sync.WaitGroup
	for i := 1; i <= 12345; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); p.setFiles(i) }()
	}
	wg.Wait()
	buf.Reset()
	clock = clock.Add(10 * time.Second)
	p.draw()
	if got, want := buf.String(), "\rpmkb: 12,345 files written · 11.5 s\x1b[K"; got != want {
		t.Errorf("line = %q, want %q", got, want)
	}

	buf.Reset()
	p.finish()
	if got := buf.String(); got != "\r\x1b[K" {
		t.Errorf("finish wrote %q, want the line erased", got)
	}
	buf.Reset()
	p.finish()
	if buf.Len() != 0 {
		t.Errorf("a second finish wrote %q", buf.String())
	}
}

func TestProgressLineRunsUntilFinish(t *testing.T) {
	var mu sync.Mutex
	var buf bytes.Buffer
	w := writerFunc(func(b []byte) (int, error) { mu.Lock(); defer mu.Unlock(); return buf.Write(b) })
	// A clock that moves a second with every reading.
	var ticks atomic.Int64
	p := newProgressLine(w, func() time.Time { return time.Unix(ticks.Add(1), 0) })
	p.run(time.Millisecond)
	for deadline := time.Now().Add(10 * time.Second); ; {
		if time.Now().After(deadline) {
			t.Fatal("the line was not redrawn twice in 10 s")
		}
		mu.Lock()
		n := strings.Count(buf.String(), "\r")
		mu.Unlock()
		if n >= 2 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	p.finish()
	mu.Lock()
	defer mu.Unlock()
	if !strings.HasSuffix(buf.String(), "\r\x1b[K") {
		t.Errorf("output %q does not end with the line erased", buf.String())
	}
}

func TestProgressLineNotOnPipes(t *testing.T) {
	var buf bytes.Buffer
	if isTerminal(&buf) {
		t.Error("a buffer is a terminal")
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 18767: "18,767", 1234567: "1,234,567", -1234: "-1,234"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(b []byte) (int, error) { return f(b) }
