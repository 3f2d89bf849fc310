package search

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/pmkb/pmkb/generator/diag"
)

// leftFile is a listed file that is not indexed, as the checks across
// files see it (heldDrafts): the id it takes, which is its postmortem's
// when it loaded (a file left out for its errors), else its file name.
type leftFile struct {
	path, id string
	loaded   bool
}

// heldDrafts are the indexed drafts that pmkb build --drafts (and so pmkb
// serve) leaves out for a check across files, by document number, each
// with its reason as Index.Unread gives it. A draft is left out when
// another postmortem (a draft or not, indexed or left out for its errors)
// has its id, in any case (validate's uniqueIDs: a draft never takes an
// id), or when one of its related: ids names itself or no postmortem nor
// any file that did not load (validate's relatedLinks). Such a verdict
// depends on the other files, so it is made each time the cache is
// opened, over the documents and the files left out, and never kept with
// the file's entry, which only a change of the file itself refreshes
// (QA 19 C-F6: pmkb search --drafts listed a draft with a published
// postmortem's id, two hits with one URL).
func heldDrafts(docs []docInfo, left []leftFile) map[int]string {
	if !slices.ContainsFunc(docs, func(d docInfo) bool { return d.Draft }) {
		return nil
	}
	byKey := map[string][]string{}
	ids := map[string]bool{}
	for i := range docs {
		k := idKey(docs[i].ID)
		byKey[k] = append(byKey[k], docs[i].Path)
		ids[docs[i].ID] = true
	}
	for _, f := range left {
		if f.loaded {
			byKey[idKey(f.id)] = append(byKey[idKey(f.id)], f.path)
		}
		ids[f.id] = true
	}
	held := map[int]string{}
	for i := range docs {
		d := &docs[i]
		if !d.Draft {
			continue
		}
		var others []string
		for _, p := range byKey[idKey(d.ID)] {
			if p != d.Path {
				others = append(others, p)
			}
		}
		if len(others) > 0 {
			slices.Sort(others)
			held[i] = fmt.Sprintf("%s: id %q is already the id of %s; set another id: in this draft", d.at(d.IDLine), d.ID, someOf(others))
			continue
		}
		for j, r := range d.Related {
			at := d.at(d.line(j))
			if r == d.ID {
				held[i] = fmt.Sprintf("%s: related names this postmortem itself (%q)", at, r)
				break
			}
			if !ids[r] && r == fileID(d.Path) {
				// Its file name, which its id: replaces (QA 19 A-F5).
				held[i] = fmt.Sprintf("%s: related names this postmortem itself (%q is its file name; its id: is %q)", at, r, d.ID)
				break
			}
			if !ids[r] {
				held[i] = fmt.Sprintf("%s: related: no postmortem has id %q", at, r)
				break
			}
		}
	}
	return held
}

// at is the draft's path at line, as an unread message begins:
// "path:line" (the Loader's errors, pmkb build --drafts), or the path
// alone without one.
func (d *docInfo) at(line int) string { return diag.Pos{Path: d.Path, Line: line}.String() }

// line is the file line of the draft's related id i (0: not known).
func (d *docInfo) line(i int) int {
	if i < len(d.RelatedLines) {
		return d.RelatedLines[i]
	}
	return 0
}

// idKey is the form in which two ids name one page (validate's idKey): in
// NFC, and in lower case, as a file system that ignores case sees it.
func idKey(id string) string { return strings.ToLower(norm.NFC.String(id)) }

// someOf lists paths as validate's duplicate-id message does: up to three,
// then how many more.
func someOf(paths []string) string {
	const shown = 3
	if len(paths) <= shown+1 {
		return strings.Join(paths, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(paths[:shown], ", "), len(paths)-shown)
}

// fileID is the id of a file that did not load, as far as the cache knows
// it: its name without the extension, in NFC (the loader also reads an
// id: line of a front matter that does not parse, which the Loader does
// not hand over).
func fileID(p string) string { return norm.NFC.String(strings.TrimSuffix(path.Base(p), path.Ext(p))) }

// withoutHeld is docs without the documents of held, the numbers in docs
// of those kept, and the unread messages: those of probs (in path order)
// and held's reasons, merged in path order.
func withoutHeld(docs []docInfo, held map[int]string, probs []problem) (kept []docInfo, nums []int, unread []string) {
	if len(held) > 0 {
		probs = slices.Clone(probs)
	}
	kept = docs
	if len(held) > 0 {
		kept = make([]docInfo, 0, len(docs)-len(held))
	}
	nums = make([]int, 0, len(docs))
	for i := range docs {
		if msg, ok := held[i]; ok {
			probs = append(probs, problem{docs[i].Path, msg})
			continue
		}
		nums = append(nums, i)
		if len(held) > 0 {
			kept = append(kept, docs[i])
		}
	}
	if len(held) > 0 {
		slices.SortFunc(probs, func(a, b problem) int { return strings.Compare(a.path, b.path) })
	}
	for _, pr := range probs {
		unread = append(unread, pr.msg)
	}
	return kept, nums, unread
}
