package notify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Defaults of a zero Sender.
const (
	DefaultMaxRetries = 3
	DefaultBaseDelay  = time.Second
	// MaxRetryAfter caps how long a Retry-After header can make Post wait.
	MaxRetryAfter = 5 * time.Minute
)

// Sender posts payloads to a Slack incoming webhook. The zero value is
// ready to use.
type Sender struct {
	// Client sends the requests; nil means http.DefaultClient.
	Client *http.Client
	// MaxRetries is how many times a failed post is tried again after the
	// first attempt; 0 means DefaultMaxRetries, a negative value none.
	MaxRetries int
	// BaseDelay is the first back-off delay, doubled on every retry; 0
	// means DefaultBaseDelay.
	BaseDelay time.Duration
	// Sleep waits between attempts; nil means a timer that ends early when
	// the context is done. Tests inject a recorder.
	Sleep func(time.Duration)
}

// StatusError is a webhook's refusal: its HTTP status and the start of its
// body (Slack puts the reason there, e.g. "invalid_payload").
type StatusError struct {
	// Webhook is the URL with its secret path redacted.
	Webhook    string
	StatusCode int
	Body       string
	Attempts   int
}

// Error names the redacted webhook and the status, then the quoted body
// when there is one and the number of attempts when there were several.
func (e *StatusError) Error() string {
	msg := fmt.Sprintf("slack webhook %s: %d %s", e.Webhook, e.StatusCode, http.StatusText(e.StatusCode))
	if e.Body != "" {
		msg += ": " + strconv.Quote(e.Body)
	}
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" (after %d attempts)", e.Attempts)
	}
	return msg
}

// Post sends payload (JSON) to webhookURL. It retries on 429 Too Many
// Requests (waiting as Retry-After says, capped at MaxRetryAfter), on 5xx
// and on network errors, with exponential back-off; any other non-2xx
// status fails at once with a *StatusError. Errors never hold the webhook
// URL in full: its path, the secret part, is redacted.
func (s *Sender) Post(ctx context.Context, webhookURL string, payload []byte) error {
	redacted := RedactURL(webhookURL)
	u, err := url.Parse(webhookURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("slack webhook %s: not an http(s) URL", redacted)
	}
	retries := s.MaxRetries
	if retries == 0 {
		retries = DefaultMaxRetries
	}
	retries = max(retries, 0)
	delay := s.BaseDelay
	if delay <= 0 {
		delay = DefaultBaseDelay
	}
	var lastErr error
	for attempt := 1; ; attempt++ {
		wait, err := s.try(ctx, webhookURL, redacted, payload)
		if err == nil {
			return nil
		}
		if se, ok := err.(*StatusError); ok {
			se.Attempts = attempt
		}
		lastErr = err
		if wait < 0 || attempt > retries || ctx.Err() != nil {
			return lastErr
		}
		if wait == 0 {
			wait = delay
		}
		delay *= 2
		if err := s.sleep(ctx, wait); err != nil {
			return fmt.Errorf("%w (gave up waiting: %v)", lastErr, err)
		}
	}
}

// try makes one attempt. It returns the delay to wait before retrying (0:
// the back-off delay) or a negative one when retrying is pointless.
func (s *Sender) try(ctx context.Context, webhookURL, redacted string, payload []byte) (time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, webhookURL, bytes.NewReader(payload))
	if err != nil {
		return -1, fmt.Errorf("slack webhook %s: %v", redacted, redactErr(err))
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	client := s.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, fmt.Errorf("slack webhook %s: %v", redacted, redactErr(err))
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return 0, nil
	}
	se := &StatusError{Webhook: redacted, StatusCode: resp.StatusCode, Body: excerpt(body)}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		return retryAfter(resp.Header.Get("Retry-After")), se
	case resp.StatusCode >= 500:
		return 0, se
	}
	return -1, se
}

// retryAfter reads a Retry-After header in seconds (the form Slack sends);
// anything else means the back-off delay.
func retryAfter(h string) time.Duration {
	n, err := strconv.Atoi(strings.TrimSpace(h))
	if err != nil || n < 0 {
		return 0
	}
	return min(time.Duration(n)*time.Second, MaxRetryAfter)
}

func (s *Sender) sleep(ctx context.Context, d time.Duration) error {
	if s.Sleep != nil {
		s.Sleep(d)
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// RedactURL shows a webhook URL without its secret: scheme and host are
// kept, the path, query and user info become "…"
// ("https://hooks.example.com/…").
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "(webhook URL)"
	}
	s := u.Scheme + "://" + u.Host
	if u.Path != "" || u.RawQuery != "" || u.User != nil {
		s += "/…"
	}
	return s
}

// redactErr strips the URL that net/http puts in its errors.
func redactErr(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s: %w", strings.ToLower(ue.Op), ue.Err)
	}
	return err
}

// excerpt is the start of a response body, one line of printable text.
func excerpt(body []byte) string {
	s := strings.ToValidUTF8(string(body), "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 200 {
		s = string(r[:199]) + "…"
	}
	return s
}
