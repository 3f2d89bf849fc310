package source

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/buildid"
	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/generator/model"
)

// metaCacheVersion changes whenever Postmortem or the parsing changes.
// 14: YAML nested too deep is refused (tree.go), page names have limits
// (validate), incidents order by the day written. 15: no unquoted-text
// warning for a comment after a flow list's ",". 16: a list's repeats are
// left out (QA 19 A-F2), a JSON front matter's numbers are json.Number,
// an action item keeps a team's own fields (ActionItem.Extra). 17: a tag
// or team in another spelling of one its list has is a repeat (QA 19r F6).
// 18: a draft refused before parsing is a draft by its bytes (QA 20 A-F3).
const metaCacheVersion = 18

// metaCache is the on-disk cache of parsed front matter: commands that
// need no bodies (stats, actions) re-parse only the files that changed
// since the last run, so 10,000 postmortems load in a fraction of the
// YAML parsing time.
type metaCache struct {
	Version int
	Config  string
	Entries map[string]metaEntry
}

type metaEntry struct {
	Fingerprint string
	PM          *model.Postmortem
	DraftByText bool
	ID          string
	Diags       []diag.Diagnostic
}

var registerGob sync.Once

// configKey is what of the config changes how front matter is read, and
// the build of pmkb that read it: another build may parse or warn
// differently, which metaCacheVersion, changed by hand, missed (QA 19
// C-F4: after an upgrade, pmkb stats kept failing on an error the new
// parser no longer has, while pmkb lint found none).
func configKey(cfg *model.SiteConfig) string {
	return fmt.Sprintf("%s|%s|%s|%d", buildID(), cfg.TimeZone, cfg.Language, cfg.MaxFileBytes)
}

// buildID names the running build of pmkb (buildid.ID; tests set another).
var buildID = buildid.ID

// LoadMetadata is LoadFiles without Markdown bodies or the files' bytes,
// served from a cache in dir that is refreshed for the files whose size,
// modification time, inode or change time changed (see Fingerprint).
// A missing, stale or unreadable cache is rebuilt; a cache that cannot be
// written is reported as a warning and the load still succeeds.
func LoadMetadata(fsys fs.FS, cfg *model.SiteConfig, dir string) ([]File, *diag.List) {
	return LoadMetadataChecked(fsys, cfg, dir, nil, "")
}

// LoadMetadataChecked is LoadMetadata with check run over each file it
// parses (its text in File.Raw, valid only during the call), whose
// problems are kept in the cache with the file's own: a warm run checks
// nothing it did not parse. checkKey names what decides check's answers
// (the site's grades of its rules): a cache made with another is read
// anew.
func LoadMetadataChecked(fsys fs.FS, cfg *model.SiteConfig, dir string, check func(File) *diag.List, checkKey string) ([]File, *diag.List) {
	registerGob.Do(func() {
		// Extra front-matter fields hold these dynamic types.
		gob.Register([]any{})
		gob.Register(map[string]any{})
		gob.Register(json.Number("")) // a JSON front matter's numbers
	})
	paths, diags := Files(fsys)
	file := filepath.Join(dir, "metadata-v"+strconv.Itoa(metaCacheVersion)+".gob")
	old := metaCache{}
	if data, err := os.ReadFile(file); err == nil {
		if gob.NewDecoder(bytes.NewReader(data)).Decode(&old) != nil || old.Version != metaCacheVersion || old.Config != configKey(cfg)+"|"+checkKey {
			old = metaCache{}
		}
	}
	cur := metaCache{Version: metaCacheVersion, Config: configKey(cfg) + "|" + checkKey, Entries: make(map[string]metaEntry, len(paths))}
	ps := NewParser(cfg)
	ps.skipBody = true
	changed := len(old.Entries) != len(paths)
	out := make([]File, 0, len(paths))
	infos, errs := StatAll(fsys, paths)
	for i, p := range paths {
		if errs[i] != nil {
			if errors.Is(errs[i], fs.ErrNotExist) { // deleted since it was listed, as LoadFiles takes it
				changed = true
				continue
			}
			diags.Errorf(diag.Pos{Path: p}, "cannot read: %v", errs[i])
			continue
		}
		if kind := nonRegular(infos[i].Mode()); kind != "" {
			// Made a named pipe since the walk: never opened (QA 17 C-F2).
			warnRule(diags, RuleNotRead, diag.Pos{Path: p}, "%s", notRegularMessage(kind))
			changed = true
			continue
		}
		fp := Fingerprint(infos[i])
		e, ok := old.Entries[p]
		if !ok || e.Fingerprint != fp {
			changed = true
			data, err := fs.ReadFile(fsys, p)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				diags.Errorf(diag.Pos{Path: p}, "cannot read: %v", err)
				continue
			}
			pm, draft, text, d := ps.parse(p, data)
			if check != nil {
				raw := text
				if raw == nil { // too large or not text: as read, in NFC
					raw = nfcBytes(data)
				}
				d.Merge(check(File{Path: p, Raw: raw, PM: pm}))
			}
			e = metaEntry{Fingerprint: fp, PM: pm, DraftByText: draft, ID: ps.fileID(p, pm, text), Diags: d.Items()}
		}
		cur.Entries[p] = e
		for _, d := range e.Diags {
			diags.Add(d)
		}
		out = append(out, File{Path: p, PM: e.PM, DraftByText: e.DraftByText, ID: e.ID})
	}
	if changed {
		if err := writeCache(file, &cur); err != nil {
			diags.Warnf(diag.Pos{Path: file}, "cannot write the metadata cache (the next run reads every file again): %v", err)
		}
	}
	return out, diags
}

// writeCache writes the cache whole (output.ReplaceFile), so a killed run
// never leaves half a cache.
func writeCache(file string, c *metaCache) error {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(c); err != nil {
		return err
	}
	return output.ReplaceFile(file, buf.Bytes())
}
