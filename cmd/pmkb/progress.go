package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/term"
)

// progressLine shows how far a long build is on one terminal line,
// rewritten in place ("pmkb: 9,812 files written · 12.4 s") and erased
// when the build ends, so that what stays on the screen is the summary
// and the problems. It draws nothing during the first second, so quick
// builds look as they always did.
type progressLine struct {
	w     io.Writer
	now   func() time.Time
	start time.Time

	stage atomic.Value // string: what the build is doing
	files atomic.Int64

	mu    sync.Mutex
	drawn bool
	stop  chan struct{}
	done  chan struct{}
}

// progressDelay is how long a build runs before its progress shows.
const progressDelay = time.Second

// isTerminal reports whether w is a terminal (not a file, a pipe or a
// test's buffer): only there a line can be redrawn.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// newProgressLine returns a progress line on w that measures time with
// now; start begins drawing it.
func newProgressLine(w io.Writer, now func() time.Time) *progressLine {
	p := &progressLine{w: w, now: now, start: now()}
	p.stage.Store("loading the content")
	return p
}

// run redraws the line every interval until finish.
func (p *progressLine) run(interval time.Duration) {
	p.stop, p.done = make(chan struct{}), make(chan struct{})
	go func() {
		defer close(p.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.draw()
			}
		}
	}()
}

// setStage says what the build does next.
func (p *progressLine) setStage(s string) { p.stage.Store(s) }

// setFiles records how many files are written so far; safe for
// concurrent use.
func (p *progressLine) setFiles(n int) {
	for {
		old := p.files.Load()
		if int64(n) <= old || p.files.CompareAndSwap(old, int64(n)) {
			return
		}
	}
}

// draw writes the current line over the previous one.
func (p *progressLine) draw() {
	elapsed := p.now().Sub(p.start)
	if elapsed < progressDelay {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	what := p.stage.Load().(string)
	if n := p.files.Load(); n > 0 {
		what = fmt.Sprintf("%s files written", thousands(n))
	}
	// \r goes back to the start of the line, \x1b[K erases the rest.
	fmt.Fprintf(p.w, "\rpmkb: %s · %.1f s\x1b[K", what, elapsed.Seconds())
	p.drawn = true
}

// finish stops redrawing and erases the line.
func (p *progressLine) finish() {
	if p.stop != nil {
		close(p.stop)
		<-p.done
		p.stop = nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}

// thousands formats n with a comma between groups of three digits.
func thousands(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
