package lint

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pmkb/pmkb/generator/model"
)

// phrase is one blame-laden expression and the kinder way to say it.
//
// A finding is in the language of the phrase it quotes: a Japanese phrase
// gets a Japanese message and hint, an English one English ones, whatever
// the site's language, so the author who wrote the phrase can read it and
// no finding mixes two languages.
type phrase struct {
	re   *lazyRegexp
	hint string
	// keywords filter lines before re is tried (see secretPattern).
	keywords []string
	// ja marks a Japanese phrase, whose finding is in Japanese.
	ja bool
}

// humanErrorPhrases name a person's mistake as the cause. English matches
// are case-insensitive and also catch cause slugs such as "human-error".
var humanErrorPhrases = []phrase{
	{newLazyRegexp(`(?i)\b(human|operator|pilot|engineer)[\s_-]+(error|mistake|fault)s?\b`),
		"ask what made the mistake possible or likely (no guard-rail, confusing tool, missing review) and name that instead",
		[]string{"human", "operator", "pilot", "engineer"}, false},
	{newLazyRegexp(`人為的(な)?(ミス|エラー|過誤)|人的(ミス|エラー)|ヒューマン\s*エラー|ヒューマン\s*ミス|操作ミス|作業ミス|オペミス`),
		"ミスを起こしやすくした仕組み(ガードレールの不足、分かりにくいツール、レビューの欠如など)を原因として書いてください",
		[]string{"人為", "人的", "ヒューマン", "操作ミス", "作業ミス", "オペミス"}, true},
}

// blamePhrases point at a person rather than the system.
var blamePhrases = []phrase{
	{newLazyRegexp(`(?i)\b[\p{L}\d_-]+['’]s\s+fault\b|\b(his|her|their|my|your|our)\s+fault\b|\bat\s+fault\b|\bfault\s+of\s+(the\s+)?(engineer|operator|developer|on-?call|person|team)\b`),
		"describe the conditions that made the failure possible; \"systems, not people\"",
		[]string{"fault"}, false},
	{newLazyRegexp(`(?i)\bshould\s+have\s+(known|noticed|realized|realised|checked|caught|seen)\b|\bshould['’]ve\s+(known|noticed|checked|caught|seen)\b`),
		"hindsight makes things look obvious; describe what the person saw at the time and what would have helped them",
		[]string{"should"}, false},
	{newLazyRegexp(`(?i)\b(careless(ly|ness)?|negligen(t|tly|ce)|sloppy|sloppiness|lazy|laziness|incompeten(t|ce)|reckless(ly|ness)?|inattentive|inattention)\b`),
		"describe the missing safeguard instead of the person's attention or skill",
		[]string{"careless", "negligen", "sloppy", "lazy", "lazi", "incompeten", "reckless", "inattent"}, false},
	{newLazyRegexp(`(?i)\bblam(e|ed|es|ing)\b`),
		"postmortems look for contributing factors, not someone to blame",
		[]string{"blam"}, false},
	{newLazyRegexp(`不注意|注意(力)?不足|怠慢|過失|うっかり|気の緩み|確認を怠|確認不足|確認漏れ|チェック不足|チェック漏れ|認識不足|(さん|くん|君|氏|様|担当者|作業者|オペレーター)の(せい|責任|ミス|過失)`),
		"個人の注意力ではなく、失敗を起こしやすくした条件や不足していた安全策を書いてください(仕組みを問い、人を責めない)",
		[]string{"不注意", "注意不足", "注意力不足", "怠慢", "過失", "うっかり", "気の緩み", "確認を怠", "確認不足", "確認漏れ", "チェック不足", "チェック漏れ", "認識不足", "のせい", "の責任", "のミス"}, true},
	// Hindsight, the Japanese "should have known": 気付くべきだった,
	// もっと注意すべきだった. 本来は…べきだった is left alone: it is as often
	// about the system (本来はアラートが発報されるべきだった).
	{newLazyRegexp(`(気付く|気づく|きづく|気が付く|気がつく|注意(す|する)|確認(す|する)|チェック(す|する)|把握(す|する)|察知(す|する)|予見(す|する)|見抜く|知っておく|分かっておく|わかっておく|気を付ける|気をつける|慎重になる)べき(だった|でした|であった)|(もっと|当然|普通は)[^。！？!?]{0,20}べき(だった|でした|であった)`),
		"後から見れば明らかに見えるものです。その時点で本人に何が見えていて、何があれば気付けたか(アラート、表示、手順)を書いてください",
		[]string{"べき"}, true},
	// A named person, or the one in the role, as the one who erred:
	// 田中さんが誤って… A bare ミスを/ミスし is not enough: remediation
	// says it too (担当者がミスをしても影響が出ない仕組みにする).
	{newLazyRegexp(`(さん|くん|君|氏|様|担当者|作業者|オペレーター|オペレータ)(が|は)[^。！？!?]{0,12}(誤って|間違って|誤操作|うっかり|不用意に|勝手に|確認せず|確認をせず)`),
		"誰が操作したかではなく、その操作を可能にした条件(確認なしで本番に実行できるコマンド、紛らわしい環境名など)を書いてください。人の名前ではなく役割で書きます",
		[]string{"誤って", "間違って", "誤操作", "うっかり", "不用意に", "勝手に", "確認せず", "確認をせず"}, true},
}

// notBlamingRE recognises sentences that reject blame ("no one is to
// blame", "not anyone's fault"), which are fine.
var notBlamingRE = newLazyRegexp(`(?i)\b(no\s+one|nobody|no-one|not|never|without|isn['’]t|wasn['’]t|blameless(ly)?)\b[^.!?]{0,30}\b(blam|fault)`)

// humanErrorKeywords gathers the keywords of humanErrorPhrases.
var humanErrorKeywords = []string{"human", "operator", "pilot", "engineer", "人為", "人的", "ヒューマン", "操作ミス", "作業ミス", "オペミス"}

// notHumanErrorRE recognises sentences that reject "human error" as an
// explanation ("this was not human error", "rather than operator error").
var notHumanErrorRE = newLazyRegexp(`(?i)\b(not|no|never|wasn['’]t|isn['’]t|rather\s+than|instead\s+of|beyond)\b[^.!?]{0,20}\b(human|operator|pilot|engineer)[\s_-]+(error|mistake)|(ミス|エラー)(ではなく|ではない|ではありません|とはせず|で片付けず|と片付けず)`)

func blamelessRules() []Rule {
	return []Rule{
		{
			ID: "blameless/human-error", Severity: warning,
			Doc: "\"Human error\" (人為的ミス, ヒューマンエラー…) is not named as a cause: it is where an investigation starts, not where it ends.",
			Check: func(f *File, report func(int, string, string)) {
				f.eachLine(textLines, func(n int, l string) {
					if !f.hasKeyword(n, humanErrorKeywords) || notHumanErrorRE.MatchString(l) {
						return
					}
					for _, p := range humanErrorPhrases {
						if !f.hasKeyword(n, p.keywords) {
							continue
						}
						for _, loc := range p.re.FindAllStringIndex(l, -1) {
							if insideSlug(l, loc[0], loc[1]) {
								continue // part of an id or a path, reported where it is a cause
							}
							if p.ja {
								report(n, jaQuote(l[loc[0]:loc[1]])+" は人のミスを原因にしています。ミスを許したシステム側の原因が隠れがちです", p.hint)
							} else {
								report(n, quote(l[loc[0]:loc[1]])+" names a person's mistake as the cause; it usually hides what in the system let it happen", p.hint)
							}
							return
						}
					}
				})
			},
		},
		{
			ID: "blameless/blame", Severity: warning,
			Doc: "Wording does not blame people (\"X's fault\", \"should have known\", \"careless\", 不注意, 確認不足, 気付くべきだった, 田中さんが誤って…).",
			Check: func(f *File, report func(int, string, string)) {
				f.eachLine(textLines, func(n int, l string) {
					for _, p := range blamePhrases {
						if !f.hasKeyword(n, p.keywords) {
							continue
						}
						loc := p.re.FindStringIndex(l)
						if loc == nil || notBlamingRE.MatchString(l) {
							continue
						}
						if p.ja {
							report(n, jaQuote(l[loc[0]:loc[1]])+" は人を責める表現です。誰もが安心して経緯を話せるよう、ブレームレスに書きます", p.hint)
						} else {
							report(n, quote(l[loc[0]:loc[1]])+" reads as blame; a blameless postmortem keeps people safe to tell the whole story", p.hint)
						}
						return
					}
				})
			},
		},
		{
			ID: "blameless/person-cause", Severity: warning,
			Doc: "No cause is a person (the commander, an author or an action-item owner).",
			Check: withPM(func(f *File, p *model.Postmortem, report func(int, string, string)) {
				people := map[string]bool{}
				add := func(name string) {
					if s := strings.TrimSpace(name); s != "" {
						people[model.Slug(s)] = true
					}
				}
				add(p.Commander)
				for _, a := range p.Authors {
					add(a)
				}
				for _, a := range p.ActionItems {
					add(a.Owner)
				}
				for _, c := range p.Causes {
					switch {
					case !people[model.Slug(c)]:
					case model.HasJapanese(c):
						report(lineOf(p, "causes"), "原因 "+jaQuote(c)+" は人の名前です。原因にはシステムの条件を書きます",
							"失敗を可能にしたもの(例: missing-review、unclear-runbook)に置き換えてください")
					default:
						report(lineOf(p, "causes"), "cause "+quote(c)+" is a person's name; causes name conditions in the system",
							"replace it with what made the failure possible, e.g. missing-review or unclear-runbook")
					}
				}
			}),
		},
	}
}

// insideSlug reports whether l[start:end] is part of a longer slug or
// path ("2024-03-14-db-human-error-2", "causes/human-error/").
func insideSlug(l string, start, end int) bool {
	joined := func(c byte) bool { return c == '-' || c == '_' || c == '/' }
	return start > 0 && joined(l[start-1]) || end < len(l) && joined(l[end])
}

// quote formats s as a Go-quoted string for messages.
func quote(s string) string { return strconv.Quote(s) }

// jaQuote quotes s for a Japanese message: 「s」.
func jaQuote(s string) string { return "「" + s + "」" }

func itoa(i int) string { return strconv.Itoa(i) }

// excerpt trims a line to at most 60 characters for a message.
func excerpt(l string) string {
	l = strings.TrimSpace(l)
	if utf8.RuneCountInString(l) <= 60 {
		return l
	}
	r := []rune(l)
	return string(r[:59]) + "…"
}
