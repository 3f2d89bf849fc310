// search.js: pmkb's static full-text search. No dependencies, no build step.
//
// The analyzer below reproduces, term for term, the bleve analysis the site
// generator indexes with (generator/internal/search): bleve's unicode
// tokenizer (github.com/blevesearch/segment word segmentation), cjk_width,
// possessive_en, to_lower, stop_en, stemmer_porter
// (github.com/blevesearch/go-porterstemmer) and cjk_bigram, with pmkb's
// additions: invisible format characters left out (stripIgnorable, here
// strippedOf), full-width digits segmented as digits (digitTokenizer), a
// word joined by ".", "_", ":" or "·" cut into its parts (wordParts), the
// commas of 4,000 dropped (thousandsFilter) and a katakana word's final ー
// left out of the pairs (foldLongMarks). A Go test runs this file under node and
// compares its terms with bleve's for every word of the sample content, so
// change both sides together.
//
// Untrusted text (every postmortem field, the query) reaches the page only
// through textContent and DOM nodes; this file never parses HTML strings.
(function () {
  "use strict";

  // BEGIN GENERATED TABLES (go run ./generator/internal/search/internal/gentables)
  var WB_NAMES = ["Double_Quote", "Single_Quote", "Hebrew_Letter", "CR", "LF", "Newline", "Extend", "Format", "Katakana", "ALetter", "MidLetter", "MidNum", "MidNumLet", "Numeric", "ExtendNumLet", "Regional_Indicator"];
  var CLASS_TABLE = "KBUACYABQUBEEBIEBwBBB0BBK4BABsBABwBFaoBEB8BBaoBKBYkBBoBCBgBHBoBBBsBCBoBFXoBBfoBBqOoBEMoBFBsBIFoBHBoBBBoBRwDcAFoBBCoBCEoBABwBABoBGBoBABsBADoBBBoBBUoBBzCoBBrEoBBHcAmFoBBmBoBCBoBHnBoBBBwBHtBcBBcBCcBCcBBcIbMFDMABoBABsBLGgBGCwBCLcBBgBDrBoBAVcAK4BBB4BABwBBCoBABcAjDoBBBoBAHcABgBBGcACoBACcBEcACoBAK4BADoBCBoBPBgBABoBABcAeoBAbcC5CoBALcABoBOK4BAhBoBAJcACoBCBwBBBoBFWoBAEcABoBAJcABoBADcABoBAFcSZoBADckCVoBuBhBcA2BoBADcABoBAScABoBAHcAKoBACcCK4BBQoBADcBIoBCCoBCWoBBHoBBBoBDEoBCBcABoBAHcCCcCDcABoBIBcECoBBDoBACcCK4BACoBPDcBGoBECoBCWoBBHoBBCoBBCoBBCoBCBcBFcECcCDcDBcHEoBBBoBHK4BACcADoBABcLDcBJoBBDoBBWoBBHoBBCoBBFoBCBcABoBAIcBDcBDcCBoBPCoBACcCK4BJBoBHDcBIoBCCoBCWoBBHoBBCoBBFoBCBcABoBAHcCCcCDcICcECoBBDoBACcCK4BBBoBQBcABoBBGoBDDoBBEoBDCoBBBoBBCoBDCoBDDoBDMoBEFcDDcBEcCBoBGBcOK4BQEcBIoBBDoBBXoBBQoBDBoBAHcBDcBEcHCcBDoBFCoBACcCK4BRDcBIoBBDoBBXoBBKoBBFoBCBcABoBAHcBDcBEcHCcHBoBBCoBACcCK4BBCoBODcBIoBBDoBBpBoBCBoBAHcBDcBEcABoBIBcHDoBACcCK4BKGoBCCcBSoBDYoBBJoBBBoBCHoBDBcEGcBBcBIcGK4BCCc9BBcCHcMIcBK4B3CBcCGcBCcLGcCK4BmBBoBXCcGK4BLBcBBcBBcECcAIoBBkBoBEUcBCcAFoBALcBkBcJBckDUcBK4BMEcEDcBDcCHcDEcNMcBBcAK4BAEcCmBoBBBoBFBoBCrBoBBEoBAgIpBApCoBBEoBCHoBBBoBBEoBCpBoBBEoBChBoBBEoBCHoBBBoBBEoBCPoBB5BoBBEoBCjCoBCDcgBQoBQ2CoBCGoBDsToBCRoBBaoBFrCoBDLoBHNoBBEoBADcLSoBADcLSoBACcMNoBBDoBBCcgCgBcJBcCK4BhBDcABgBBK4BG4CoBIpBoBABcABoBFmCoBKfoBBMcEMcKK4BgEK4BmBXoBAFc5BKcBdcCBcAK4BGK4BWPchCFcAvBoBARcAHoBEK4BRJcMDcAeoBANcACoBAK4BAsBoBAOcMkBoBAUcIK4BDDoBAK4BAkBoByCDcBVcAEoBABcAEoBADcACoBBCcGgGoBA2BcGEcA2IoBCGoBCmBoBCGoBCIoBBBoBBBoBBBoBBfoBC1BoBBHoBBBoBDDoBBHoBDEoBCGoBENoBFDoBBHoBPCcACgBIC0BKB0BCBsBACYAFgBQC8BDBwBPB8BLFgBBKgBBBoBNBoBQNoBzBhBcRBoBEBoBCKoBBBoBDFoBGBoBBBoBBBoBBEoBBLoBCEoBFFoBEBoBRpBoBtZ0BoB24BvBoBBvBoBBlEoBGEoBADcACoBMmBoBBBoBFBoBC4BoBHBoBPBcAXoBJHoBBHoBBHoBBHoBBHoBBHoBBHoBBHoBBgBcvBBoBwCaCB5CCM2GCvBBqBBBCZJCAEcACdBFkBCDCABqBABoBE2CDCCcACkBADDA7CkBBEkBFpBoBD-CpBRboB1BQkBAfBhCfBxCvBkBB4CkBoF2tGCqC2uUCqBtkBoBjCuBoBCtIoBDQoBAK4BACoBUvBoBAEcBKcBfoBACcAwCoBACclBJoBCnDoBCjBoBCIoB_BLoBABcADoBABcAEoBABcAXoBAFcY0BoBMCcAyBoBARcLK4BGScAGoBDBoBBBoBCK4BAcoBAIcCXoBANcMdpBDEcAvBoBAOcOBoBAK4BLBcKK4BGpBoBAOcJDoBABcAIoBACcCK4BhBDcyBBcBDcCCcFCcBBceLoBAFcCDoBACcKGoBCGoBCGoBJHoBBHoBBrBoBBKoBKzDoBAIcBCcCK4BGk9KpBMXpBExBpBkoIuLCCqDCmBHoBMFoBFBMABcAKMBNMBFMBBMBCMBCMBKMAiDoBhBrLoBSgCoBC2BoBoBMoBEQcABwBCBsBABwBLQcDC8BYD8BABwBBB0BBBwBABsBaFoBBnEoBCBgBHB0BEBwBBB0BLBsBABwBFaoBEB8BBaoBL4BkBACcAfpBDGpBCGpBCGpBCDpBcDgBEMoBBaoBBToBBCoBBPoBCOoBiB7DoBlC1BoBoEBciEdoBDxBoBPBcfgBoBQboBFmBoBAFcFeoBCkBoBEIoBBFoBqB-EoBCK4B2CoBoBI0BoB8E3JoBJWoBKIoB4EGoBCBoBBsBoBBCoBDBoBCXoBKXoBJfoBhCToBBCoBKWoBKaoBmC4BoBGCoBgCBoBADcBCcFEcAEoBBDoBBboBEDcEBcgBdoBDdoBjBIoBBcoBACcZ2BoBKWoBKToBNSoBuDpCoB3BzBoBNzBoBtYDcA1BoBAPcfK4BPEcAtBoBALcCBgBSZoBHK4BGDcAkBoBAOcBK4BQjBoBABcCBoBJDcAwBoBAOcAEoBFDcDK4BABoBBBoBjBSoBBZoBAMcoCHoBBBoBBEoBBPoBBKoBHvBoBAMcFK4BGEcBIoBCCoBCWoBBHoBBCoBBFoBCBcABoBAHcCCcCDcCBoBGBcFFoBACcCHcDFcrIwBoBAUcACoBBBoBIK4BmFvBoBAHcCJcXEoBACciBwBoBARcDBoBLK4BmBrBoBANcIK4BzCPcEK4BmLgCoBAK4BVBoBgO5BoBnoB6coBmDvDoBRkGoB81CvhBoBx-DnSoB5tI5RoBHfoBBK4BmDeoBCFcLwBoBAHcJEoBMK4BJVoBFToBwblCoBLBoBAuBcQEcANoBgjQBkBABD-_CrDoBFNoBDJoBHKoBDCcBEgBhmFFcDGcAIgBAIcCHceEc0EDc7N1CoBBnCoBBCoBCBoBCCoBCEoBBMoBBBoBBHoBBhCoBBEoBCIoBBHoBBcoBBEoBBFoBBBoBDHoBB0KoBCZoBBZoBBfoBBZoBBfoBBZoBBfoBBZoBBfoBBZoBBIoBCyB4BgQ3BcEyBcIBcOBcWFcBPcwqDlGoBLHcppBEoBBboBBCoBBBoBCBoBBKoBBEoBBBoBBBoBGBoBEBoBBBoBBBoBBDoBBCoBBBoBCBoBBBoBBBoBBBoBBBoBBCoBBBoBCEoBBHoBBEoBBEoBBBoBBKoBBRoBFDoBBFoBBRoB0TaoBGaoBGaoB8CagCABD_vD32pBCpB1hECL-GCCi0FC-qK-QCjvhWBgBegDgBgEwHc";
  var LOWER_TABLE = "hCaBgC_DXBgCYHBgCoBYCCwBBBtMCDCCHICCRXCCuBBBxHBDCCIBBkNBCCCEBB8MBBBCCCB6MCBBCDBB-EBBB0MBBB2MBBBCCBB6MBBB-MCBBmNBBBiNBBBCEBBmNBBBqNCBBsNBDCCGBB0NBBBCCBB0NDBBCCBB0NBBBCCCByNCCCCEBB2NBBBCEBBCIBBEBBBCCBBEBBBCCBBEBJCCTJCCTBBEBCCCEBBhGBBBvDBUCCoBBBjICJCCYBB2iVBBBCCBBlKBBBwiVDBBCCBBlMBBBqEBBBuEBFCCqJCCCGBBCJBBoHHBBsCCDBqCEBBgECCB-DDRBgCSJBgCsBBBQJMCCcBB3DDBBCCBBNBBBCDDBjIDQBgFQgBBgCwCRCCqBbCC2BBBeBHCCPwBCChDmBBgDv7CmBBgmOnBBBgmOGBBgmOzWwCBg9rCwCGBQglCrBB_7FtBDB_7FjKrCCC-EBB97OCwBCCoDIBPQGBPQIBPQIBPQGBPRECPPIBPgBIBPQIBPQIBPQCBPCCBzECBBRMEBrFEBBRMCBPCCBnGOCBPCCB_GCBBNMCB_HCCB7HCBBRqJBB51OEBB9rQBBBrkQHBB4BuBQBgBjBBBCzZaB0Bq6BwBBgDgDBBCCBBt_UBBBruHBBBt-UDDCCGBB3hVBBB5_UBBB9hVBBB7hVCBBCDBBCJCB9jVCyBCCrDCCCHBBCuqeXCCgCOCCiFHCCQfCCnCCCCEBBnglCBFCCNBBCCBBvyyCDCCCGKCCUBBn0yCBBB90yCBBB10yCBBBh0yCBBBn0yCCBBjxyCBBBzyyCBBBpxyCBBBg6BBICCQBB_CBBBl0yCBBBvjlCBCCCJBBCGCCCfBBCs5VaBgC_mBoBBwCwFkBBwCgGLBuCMPBuCQHBuCICBuCs3BzBBgEghDgBBgCgtVgBBgCg2eiBBkC";
  var STOP_WORDS = "a about above after again against all am an and any are aren't as at be because been before being below between both but by can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor not of off on once only or other ought our ours ourselves out over own same shan't she she'd she'll she's should shouldn't so some such than that that's the their theirs them themselves then there there's these they they'd they'll they're they've this those through to too under until up very was wasn't we we'd we'll we're we've were weren't what what's when when's where where's which while who who's whom why why's with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves";
  var WIDE_TABLE = "goEgD6tECNC-FEDBCBpQCVCaIQMrBBKGDBNBICRCFCIBFBVBHCBBEBCBHBECcBjBBBBEDBB9BDYBOB7aCzBBEBqZaB5CM2Ga6BERC2CElDFrBB-CB2CJwBBoBI9xcD3B5kBdjUk9K8qIgQwYKWjBBTBE1EgD_DH5_bEMHJ2mHpBgBhDzD9vIEBHBCBjJPBdDCBOEIsMkgI3CJXtkHBqGB-FBCKlDDNsBEJHCOG6EhBMJBmCBWMrBEFMRDBDnCBBB7FC_BNEBYSBaCNB2C1CwBmCGBDDCEDELCHJjHMEB7IvBBKB5FwDNDLD5BBBEQCMEKnoB-__BC-__B";
  // END GENERATED TABLES

  // ---- compact integers (shared with the exported index) ----

  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT_VALUE = {};
  for (var di = 0; di < DIGITS.length; di++) DIGIT_VALUE[DIGITS.charAt(di)] = di;

  // decodeInts reads base-64 digits, 5 bits each, low bits first, bit 5
  // marking a continued number.
  function decodeInts(s) {
    var out = [], n = 0, mul = 1;
    for (var i = 0; i < s.length; i++) {
      var d = DIGIT_VALUE[s.charAt(i)];
      n += (d & 31) * mul;
      if (d & 32) {
        mul *= 32;
      } else {
        out.push(n);
        n = 0;
        mul = 1;
      }
    }
    return out;
  }

  // ---- character classes ----

  var WB = {};
  for (var wi = 0; wi < WB_NAMES.length; wi++) WB[WB_NAMES[wi]] = wi + 1;
  var SC_HANGUL = 1, SC_HAN = 2, SC_HIRAGANA = 3;

  var classStarts = [], classEnds = [], classValues = [];
  (function () {
    var v = decodeInts(CLASS_TABLE), at = 0;
    for (var i = 0; i < v.length; i += 3) {
      var s = at + v[i];
      classStarts.push(s);
      classEnds.push(s + v[i + 1]);
      classValues.push(v[i + 2]);
      at = s + v[i + 1];
    }
  })();

  function classOf(cp) {
    var lo = 0, hi = classStarts.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (cp < classStarts[mid]) hi = mid - 1;
      else if (cp >= classEnds[mid]) lo = mid + 1;
      else return classValues[mid];
    }
    return 0;
  }

  var lowerMap = {};
  (function () {
    var v = decodeInts(LOWER_TABLE), at = 0;
    for (var i = 0; i < v.length; i += 4) {
      at += v[i];
      var n = v[i + 1], stride = v[i + 2], z = v[i + 3];
      var d = z & 1 ? -(z + 1) / 2 : z / 2;
      for (var k = 0; k < n; k++) lowerMap[at + k * stride] = at + k * stride + d;
    }
  })();

  function toLowerRune(cp) {
    var l = lowerMap[cp];
    return l === undefined ? cp : l;
  }

  // wideStarts and wideEnds are the runs of characters a snippet counts
  // two columns wide (snippet.go's runeColumns: East Asian wide, as a
  // terminal draws them), from WIDE_TABLE's (gap, length) pairs.
  var wideStarts = [], wideEnds = [];
  (function () {
    var v = decodeInts(WIDE_TABLE), at = 0;
    for (var i = 0; i < v.length; i += 2) {
      at += v[i];
      wideStarts.push(at);
      at += v[i + 1];
      wideEnds.push(at);
    }
  })();

  // columnsOf is snippet.go's runeColumns: 2 for a wide character, else 1.
  function columnsOf(cp) {
    if (cp < 0x1100) return 1;
    var lo = 0, hi = wideStarts.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (cp < wideStarts[mid]) hi = mid - 1;
      else if (cp >= wideEnds[mid]) lo = mid + 1;
      else return 2;
    }
    return 1;
  }

  // stopWords is a Set: an object would also hold "constructor" and
  // "__proto__", which bleve indexes.
  var stopWords = new Set(STOP_WORDS.split(" "));

  // ---- word segmentation: a longest-match scanner over the same patterns
  // as segment_words.rl, run as a Thompson NFA over code points ----

  var nfa = [];            // states: {t: test fn} {a, b} (split) or {acc: pattern}
  function atom(test) { return { kind: "atom", test: test }; }
  function seq() { return { kind: "seq", items: Array.prototype.slice.call(arguments) }; }
  function alt() { return { kind: "alt", items: Array.prototype.slice.call(arguments) }; }
  function star(x) { return { kind: "star", x: x }; }
  function plus(x) { return seq(x, star(x)); }

  function compile(node, next) {
    var i, s;
    switch (node.kind) {
      case "atom":
        nfa.push({ test: node.test, next: next });
        return nfa.length - 1;
      case "seq":
        for (i = node.items.length - 1; i >= 0; i--) next = compile(node.items[i], next);
        return next;
      case "alt":
        s = compile(node.items[node.items.length - 1], next);
        for (i = node.items.length - 2; i >= 0; i--) {
          nfa.push({ a: compile(node.items[i], next), b: s });
          s = nfa.length - 1;
        }
        return s;
      case "star":
        nfa.push({ a: -1, b: next });
        s = nfa.length - 1;
        nfa[s].a = compile(node.x, s);
        return s;
    }
    throw new Error("bad node");
  }

  function wbIs() {
    var ids = Array.prototype.map.call(arguments, function (n) { return WB[n]; });
    return atom(function (c) { return ids.indexOf(c >> 2) >= 0; });
  }
  function scriptIs(id) { return atom(function (c) { return (c & 3) === id; }); }

  var X = star(wbIs("Extend", "Format"));
  function ex(a) { return seq(a, X); }
  var K = ex(wbIs("Katakana")), ENL = ex(wbIs("ExtendNumLet")), HL = ex(wbIs("Hebrew_Letter"));
  var SQ = ex(wbIs("Single_Quote")), DQ = ex(wbIs("Double_Quote")), N = ex(wbIs("Numeric"));
  var HA = ex(wbIs("Hebrew_Letter", "ALetter"));
  var MNUM = ex(wbIs("MidNum", "MidNumLet", "Single_Quote"));
  var MLET = ex(wbIs("MidLetter", "MidNumLet", "Single_Quote"));
  var katRun = seq(K, star(seq(star(ENL), K)));
  var numRun = seq(N, star(seq(alt(star(ENL), MNUM), N)));
  var letRun = seq(HA, star(seq(alt(star(ENL), MLET), HA)));
  var hebQ = seq(HL, alt(SQ, seq(DQ, HL)));
  var NLCRLF = [WB.Newline, WB.CR, WB.LF];

  // Token types as bleve's tokenizer reports them.
  var NONE = 0, NUMERIC = 1, ALPHA = 2, IDEO = 3;

  var PATTERNS = [
    [seq(star(ENL), N, star(seq(alt(star(ENL), MNUM), N)), star(ENL)), NUMERIC],
    [plus(ex(scriptIs(SC_HANGUL))), ALPHA],
    [plus(K), IDEO],
    [seq(star(ENL), alt(katRun, plus(alt(hebQ, numRun, letRun, ENL))),
      star(seq(plus(ENL), alt(katRun, plus(alt(hebQ, numRun, letRun))))), star(ENL)), ALPHA],
    [ex(scriptIs(SC_HAN)), IDEO],
    [ex(scriptIs(SC_HIRAGANA)), IDEO],
    [plus(ex(wbIs("Regional_Indicator"))), NONE],
    [seq(wbIs("CR"), wbIs("LF")), NONE],
    [wbIs("CR"), NONE],
    [wbIs("LF"), NONE],
    [wbIs("Newline"), NONE],
    [plus(wbIs("Extend", "Format")), NONE],
    // "Other" matches one byte in the ragel machine: an ASCII character takes
    // trailing Extend/Format marks, any other character stands alone.
    [alt(seq(atom(function (c, cp) { return cp < 0x80 && NLCRLF.indexOf(c >> 2) < 0; }), X),
      atom(function (c, cp) { return cp >= 0x80 && NLCRLF.indexOf(c >> 2) < 0; })), NONE]
  ];
  var starts = PATTERNS.map(function (p, i) {
    nfa.push({ acc: i });
    return compile(p[0], nfa.length - 1);
  });

  var mark = new Int32Array(nfa.length), generation = 0;
  function addState(list, s) {
    var stack = [s];
    while (stack.length) {
      var t = stack.pop();
      if (mark[t] === generation) continue;
      mark[t] = generation;
      var st = nfa[t];
      if (st.a !== undefined) {
        stack.push(st.b);
        stack.push(st.a);
      } else {
        list.push(t);
      }
    }
  }

  // The scanner reads symbols, not code points: a code point's class (with
  // digitMask applied) times two, plus one when it is ASCII, which is all
  // the patterns' tests look at (the "Other" pattern asks cp < 0x80).
  var SYMBOLS = 2 * (Math.max.apply(null, classValues) + 1);
  var bmpSymbols = null;   // Uint8Array over U+0000–FFFF, made on first use

  function symbolOf(cp) {
    if (cp < 0x10000) {
      if (!bmpSymbols) bmpSymbols = symbolTable();
      return bmpSymbols[cp];
    }
    return 2 * classOf(cp);
  }

  function symbolTable() {
    var t = new Uint8Array(0x10000), i, cp;
    for (i = 0; i < classStarts.length && classStarts[i] < 0x10000; i++) {
      t.fill(2 * classValues[i], classStarts[i], Math.min(classEnds[i], 0x10000));
    }
    for (cp = 0xFF10; cp <= 0xFF19; cp++) t[cp] = 2 * classOf(digitMask(cp));
    for (cp = 0; cp < 0x80; cp++) t[cp] |= 1;
    return t;
  }

  // The NFA runs as a DFA made lazily by subset construction: a DFA state
  // is a set of NFA states (dfaSets), with the first pattern it accepts
  // (dfaAccept, -1 for none) and its successor per symbol (dfaNext, -1
  // until first needed). State 0 is the empty set.
  var dfaSets = [], dfaIndex = new Map(), dfaAccept = [], dfaNext = [];

  function dfaState(list) {
    list.sort(function (a, b) { return a - b; });
    var key = list.join(","), id = dfaIndex.get(key);
    if (id !== undefined) return id;
    id = dfaSets.length;
    dfaIndex.set(key, id);
    dfaSets.push(list);
    var acc = -1;
    for (var i = 0; i < list.length; i++) {
      var a = nfa[list[i]].acc;
      if (a !== undefined && (acc < 0 || a < acc)) acc = a;
    }
    dfaAccept.push(acc);
    dfaNext.push(new Int32Array(SYMBOLS).fill(-1));
    return id;
  }

  function dfaStep(s, sym) {
    var t = dfaNext[s][sym];
    if (t >= 0) return t;
    var set = dfaSets[s], next = [], c = sym >> 1, cp = sym & 1 ? 0 : 0x80;
    generation++;
    for (var j = 0; j < set.length; j++) {
      var st = nfa[set[j]];
      if (st.test && st.test(c, cp)) addState(next, st.next);
    }
    t = dfaState(next);
    dfaNext[s][sym] = t;
    return t;
  }

  var DEAD = dfaState([]), START = (function () {
    var list = [];
    generation++;
    starts.forEach(function (s) { addState(list, s); });
    return dfaState(list);
  })();

  // longestMatch returns where the segment starting at from ends, longest
  // match first, earlier pattern on ties, and sets matchType to its token
  // type (NONE for an unmatched code point, a segment of its own).
  var matchType = NONE;
  function longestMatch(syms, from, n) {
    var s = START, best = -1, bestPat = -1, i = from;
    for (;;) {
      if (dfaAccept[s] >= 0) {
        best = i;
        bestPat = dfaAccept[s];
      }
      if (i >= n || s === DEAD) break;
      s = dfaStep(s, syms[i]);
      i++;
    }
    if (best <= from) {
      matchType = NONE;
      return from + 1;
    }
    matchType = PATTERNS[bestPat][1];
    return best;
  }

  function utf8Len(cp) {
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }

  function fromRunes(rs) {
    var s = "";
    for (var i = 0; i < rs.length; i++) s += String.fromCodePoint(rs[i]);
    return s;
  }

  // runesOf returns the code points of s as tokenize reads them (a lone
  // surrogate stands for itself).
  function runesOf(s) {
    var rs = [];
    for (var i = 0; i < s.length;) {
      var cp = s.codePointAt(i);
      rs.push(cp);
      i += cp > 0xffff ? 2 : 1;
    }
    return rs;
  }

  // digitMask is what analyzer.go's digitTokenizer segments in place of a
  // full-width digit (U+FF10–FF19): the Devanagari digit of the same value,
  // of the word-break class Numeric like 0–9 (the tables give the
  // full-width ones none). Tokens keep the text's own runes.
  function digitMask(cp) {
    return cp >= 0xFF10 && cp <= 0xFF19 ? cp - 0xFF10 + 0x0966 : cp;
  }

  // Segmenter is bleve's unicode tokenizer without the runes, with the
  // words cut into their parts as analyzer.go's digitTokenizer cuts them
  // (pushParts), run only as
  // far as asked: segs are the tokens of text with their type, UTF-8 byte
  // offsets (start, end) and UTF-16 offsets (from, to), in order; upTo
  // adds to them. The scanner goes left to right and each token depends
  // only on the text from where it starts, so the first tokens are the
  // same however far it is run.
  function Segmenter(text) {
    var n = 0, p8 = 0, i, cp, size = text.length + 1;
    var syms = new Uint8Array(size), u16 = new Int32Array(size), b8 = new Int32Array(size);
    for (i = 0; i < text.length; n++) {
      cp = text.codePointAt(i);
      syms[n] = symbolOf(cp);
      u16[n] = i;
      b8[n] = p8;
      i += cp > 0xffff ? 2 : 1;
      p8 += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }
    u16[n] = text.length;
    b8[n] = p8;
    this.syms = syms;
    this.n = n;
    this.u16 = u16;
    this.b8 = b8;
    this.at = 0;
    this.segs = [];
    this.text = text;
  }

  // upTo scans until a token starts at or after the UTF-16 offset limit,
  // or the text ends, and returns segs.
  Segmenter.prototype.upTo = function (limit) {
    var syms = this.syms, n = this.n, segs = this.segs;
    while (this.at < n && (!segs.length || segs[segs.length - 1].from < limit)) {
      var at = this.at, end = longestMatch(syms, at, n);
      if (matchType === ALPHA) this.pushParts(at, end);
      else if (matchType !== NONE) segs.push({ type: matchType, start: this.b8[at], end: this.b8[end], from: this.u16[at], to: this.u16[end] });
      this.at = end;
    }
    return segs;
  };

  // pushParts adds the letter token of code points at to end to segs, or
  // its parts: analyzer.go's wordParts. The token is cut at each "_" and
  // "＿", at each MidLetter character (isMidLetterCode: ":" of
  // redis:alpine, "·"), and at each "." and "．" not between two digits
  // (0–9, ０–９);
  // each part is a token of its own, and the token stays whole when it has
  // no cut or no part is left (___). A part the scanner alone makes one
  // ideographic token of (the katakana of abc_サーバー) is one (partType).
  Segmenter.prototype.pushParts = function (at, end) {
    var text = this.text, u16 = this.u16, b8 = this.b8, segs = this.segs, n = segs.length;
    var from = at, cut = false, prevDigit = false, k, c, self = this;
    var push = function (a, b) { segs.push({ type: self.partType(a, b), start: b8[a], end: b8[b], from: u16[a], to: u16[b] }); };
    for (k = at; k < end; k++) {
      c = text.charCodeAt(u16[k]);
      var sep = c === 0x5F || c === 0xFF3F || isMidLetterCode(c);
      if (c === 0x2E || c === 0xFF0E) sep = !prevDigit || k + 1 >= end || !isDigitCode(text.charCodeAt(u16[k + 1]));
      if (sep) {
        cut = true;
        if (k > from) push(from, k);
        from = k + 1;
      }
      prevDigit = isDigitCode(c);
    }
    if (cut && from < end) push(from, end);
    if (segs.length === n) segs.push({ type: ALPHA, start: b8[at], end: b8[end], from: u16[at], to: u16[end] });
  };

  // partType is analyzer.go's: IDEO when the scanner makes one ideographic
  // token of code points a to b alone, else ALPHA.
  Segmenter.prototype.partType = function (a, b) {
    var e = longestMatch(this.syms, a, b);
    return matchType === IDEO && e === b ? IDEO : ALPHA;
  };

  // isMidLetterCode is analyzer.go's isMidLetter: whether the UTF-16 code
  // unit c is ":", "·", the Greek ano teleia, "‧", "︓", "﹕" or "：".
  function isMidLetterCode(c) {
    return c === 0x3A || c === 0xB7 || c === 0x387 || c === 0x2027 || c === 0xFE13 || c === 0xFE55 || c === 0xFF1A;
  }

  // isDigitCode reports whether the UTF-16 code unit c is a digit 0–9 or
  // ０–９.
  function isDigitCode(c) { return c >= 0x30 && c <= 0x39 || c >= 0xFF10 && c <= 0xFF19; }

  // done reports whether the whole text has been scanned.
  Segmenter.prototype.done = function () { return this.at >= this.n; };

  // segment is pmkb's tokenizer without the runes: tokens with
  // their type, UTF-8 byte offsets (start, end) and UTF-16 offsets (from,
  // to) into text.
  function segment(text) {
    return new Segmenter(text).upTo(Infinity);
  }

  // tokenize is bleve's unicode tokenizer, with words cut into their parts
  // (pushParts): tokens with their runes, type, UTF-8 byte offsets (start,
  // end) and UTF-16 offsets (from, to).
  function tokenize(text) {
    return segment(text).map(function (t) {
      t.runes = runesOf(text.slice(t.from, t.to));
      return t;
    });
  }

  // ---- token filters ----

  var KANA_NORM = [
    0x30fb, 0x30f2, 0x30a1, 0x30a3, 0x30a5, 0x30a7, 0x30a9, 0x30e3, 0x30e5,
    0x30e7, 0x30c3, 0x30fc, 0x30a2, 0x30a4, 0x30a6, 0x30a8, 0x30aa, 0x30ab,
    0x30ad, 0x30af, 0x30b1, 0x30b3, 0x30b5, 0x30b7, 0x30b9, 0x30bb, 0x30bd,
    0x30bf, 0x30c1, 0x30c4, 0x30c6, 0x30c8, 0x30ca, 0x30cb, 0x30cc, 0x30cd,
    0x30ce, 0x30cf, 0x30d2, 0x30d5, 0x30d8, 0x30db, 0x30de, 0x30df, 0x30e0,
    0x30e1, 0x30e2, 0x30e4, 0x30e6, 0x30e8, 0x30e9, 0x30ea, 0x30eb, 0x30ec,
    0x30ed, 0x30ef, 0x30f3, 0x3099, 0x309A];
  var KANA_VOICED = [
    78, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1,
    0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1,
    0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 8, 8, 8, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
  var KANA_HALF_VOICED = [
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 2, 0, 0, 2,
    0, 0, 2, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

  // cjk_width: full-width ASCII to ASCII, half-width katakana to full width.
  function widthFold(rs) {
    for (var i = 0; i < rs.length; i++) {
      var ch = rs[i];
      if (ch >= 0xFF01 && ch <= 0xFF5E) {
        rs[i] -= 0xFEE0;
      } else if (ch >= 0xFF65 && ch <= 0xFF9F) {
        if ((ch === 0xFF9E || ch === 0xFF9F) && i > 0 && combineKana(rs, i, ch)) {
          rs.splice(i, 1);
          i--;
        } else {
          rs[i] = KANA_NORM[ch - 0xFF65];
        }
      }
    }
    return rs;
  }
  function combineKana(rs, pos, ch) {
    var prev = rs[pos - 1];
    if (prev >= 0x30A6 && prev <= 0x30FD) {
      rs[pos - 1] += ch === 0xFF9F ? KANA_HALF_VOICED[prev - 0x30A6] : KANA_VOICED[prev - 0x30A6];
      return rs[pos - 1] !== prev;
    }
    return false;
  }

  // possessive_en: drop a trailing 's after ', ’ or ＇.
  function possessive(rs) {
    var n = rs.length;
    if (n >= 2 && (rs[n - 1] === 0x73 || rs[n - 1] === 0x53) &&
        (rs[n - 2] === 0x2019 || rs[n - 2] === 0x27 || rs[n - 2] === 0xFF07)) {
      return rs.slice(0, n - 2);
    }
    return rs;
  }

  function utf8Encode(rs) {
    var b = [];
    rs.forEach(function (c) {
      if (c < 0x80) b.push(c);
      else if (c < 0x800) b.push(0xC0 | c >> 6, 0x80 | c & 63);
      else if (c < 0x10000) b.push(0xE0 | c >> 12, 0x80 | c >> 6 & 63, 0x80 | c & 63);
      else b.push(0xF0 | c >> 18, 0x80 | c >> 12 & 63, 0x80 | c >> 6 & 63, 0x80 | c & 63);
    });
    return b;
  }

  // utf8Decode1 decodes one rune at b[i] as Go's utf8.DecodeRune does:
  // [rune, size], with [0xFFFD, 1] for an invalid byte.
  function utf8Decode1(b, i) {
    var c0 = b[i], n = b.length - i, c1, c2, c3, lo = 0x80, hi = 0xBF;
    if (c0 < 0x80) return [c0, 1];
    if (c0 < 0xC2 || c0 > 0xF4 || n < 2) return [0xFFFD, 1];
    if (c0 === 0xE0) lo = 0xA0;
    else if (c0 === 0xED) hi = 0x9F;
    else if (c0 === 0xF0) lo = 0x90;
    else if (c0 === 0xF4) hi = 0x8F;
    c1 = b[i + 1];
    if (c1 < lo || c1 > hi) return [0xFFFD, 1];
    if (c0 < 0xE0) return [(c0 & 31) << 6 | c1 & 63, 2];
    if (n < 3) return [0xFFFD, 1];
    c2 = b[i + 2];
    if (c2 < 0x80 || c2 > 0xBF) return [0xFFFD, 1];
    if (c0 < 0xF0) return [(c0 & 15) << 12 | (c1 & 63) << 6 | c2 & 63, 3];
    if (n < 4) return [0xFFFD, 1];
    c3 = b[i + 3];
    if (c3 < 0x80 || c3 > 0xBF) return [0xFFFD, 1];
    return [(c0 & 7) << 18 | (c1 & 63) << 12 | (c2 & 63) << 6 | c3 & 63, 4];
  }

  function utf8Decode(b) {
    var rs = [];
    for (var i = 0; i < b.length;) {
      var d = utf8Decode1(b, i);
      rs.push(d[0]);
      i += d[1];
    }
    return rs;
  }

  // to_lower, byte for byte as bleve does it in place: the final-sigma
  // rule, the switch to plain lowering after a rune whose lower case is
  // longer in UTF-8, and the bytes left behind when it is shorter (U+0130).
  function lower(rs) {
    if (rs.every(function (c) { return c < 0x80; })) {
      // ASCII: only A–Z change, one byte for one.
      return rs.map(function (c) { return c >= 0x41 && c <= 0x5A ? c + 0x20 : c; });
    }
    var s = utf8Encode(rs), i = 0, j = 0;
    while (i < s.length) {
      var d = utf8Decode1(s, i), r = d[0], wid = d[1], l = toLowerRune(r);
      if (l === r) {
        i += wid;
        j += wid;
        continue;
      }
      if (l === 0x3C3 && i + 2 === s.length) l = 0x3C2;
      var lb = utf8Encode([l]);
      if (lb.length > wid) {
        var rest = utf8Encode(utf8Decode(s.slice(i)).map(toLowerRune));
        return utf8Decode(s.slice(0, j).concat(rest));
      }
      for (var k = 0; k < lb.length; k++) s[j + k] = lb[k];
      i += wid;
      j += lb.length;
    }
    return utf8Decode(s.slice(0, j));
  }

  // Porter stemmer, ported from go-porterstemmer (including its departures
  // from the original algorithm).
  var V_A = 97, V_E = 101, V_I = 105, V_O = 111, V_U = 117, C_Y = 121;
  function isCons(s, i) {
    var c = s[i];
    if (c === V_A || c === V_E || c === V_I || c === V_O || c === V_U) return false;
    if (c === C_Y) return i === 0 ? true : !isCons(s, i - 1);
    return true;
  }
  function measure(s, n) {
    var r = 0, i = 0;
    if (n === 0) return 0;
    while (isCons(s, i)) {
      i++;
      if (i >= n) return r;
    }
    outer:
    while (i < n) {
      while (!isCons(s, i)) {
        i++;
        if (i >= n) break outer;
      }
      while (isCons(s, i)) {
        i++;
        if (i >= n) {
          r++;
          break outer;
        }
      }
      r++;
    }
    return r;
  }
  function ends(s, n, suf) {
    if (n - 1 <= suf.length - 1) return false;
    for (var i = 0; i < suf.length; i++) if (s[n - suf.length + i] !== suf.charCodeAt(i)) return false;
    return true;
  }
  function hasVowel(s, n) {
    for (var i = 0; i < n; i++) if (!isCons(s, i)) return true;
    return false;
  }
  function doubleCons(s, n) { return n >= 2 && s[n - 1] === s[n - 2] && isCons(s, n - 1); }
  function cvc(s, n) { return n >= 3 && isCons(s, n - 3) && !isCons(s, n - 2) && isCons(s, n - 1); }
  function chr(c) { return c.charCodeAt(0); }

  // Each step takes the rune array and its live length and returns the new length.
  function step1a(s, n) {
    if (ends(s, n, "sses")) return n - 2;
    if (ends(s, n, "ies")) return n - 2;
    if (ends(s, n, "ss")) return n;
    if (ends(s, n, "s")) return n - 1;
    return n;
  }
  function step1bTail(s, n, sl, isIng) {
    // sl: length of the stem without the suffix
    if (!hasVowel(s, sl)) return n;
    if (ends(s, sl, "at") || ends(s, sl, "bl") || ends(s, sl, "iz")) {
      if (isIng) s[sl] = V_E;
      return sl + 1;
    }
    var c = s[sl - 1];
    if (c !== chr("l") && c !== chr("s") && c !== chr("z") && doubleCons(s, sl)) return sl - 1;
    if (measure(s, sl) === 1 && cvc(s, sl) && c !== chr("w") && c !== chr("x") && c !== C_Y) {
      s[sl] = V_E;
      return sl + 1;
    }
    return sl;
  }
  function step1b(s, n) {
    if (ends(s, n, "eed")) return measure(s, n - 3) > 0 ? n - 1 : n;
    if (ends(s, n, "ed")) return step1bTail(s, n, n - 2, false);
    if (ends(s, n, "ing")) return step1bTail(s, n, n - 3, true);
    return n;
  }
  function step1c(s, n) {
    if (n < 2) return n;
    if (s[n - 1] === C_Y && hasVowel(s, n - 1)) s[n - 1] = V_I;
    else if (s[n - 1] === 89 && hasVowel(s, n - 1)) s[n - 1] = 73;
    return n;
  }
  // step2 rules: [suffix, edits] where edits set runes at n-k and cut k.
  function m0(s, n, suf) { return measure(s, n - suf.length) > 0; }
  function step2(s, n) {
    if (ends(s, n, "ational")) { if (m0(s, n, "ational")) { s[n - 5] = V_E; return n - 4; } return n; }
    if (ends(s, n, "tional")) return m0(s, n, "tional") ? n - 2 : n;
    if (ends(s, n, "enci")) { if (m0(s, n, "enci")) s[n - 1] = V_E; return n; }
    if (ends(s, n, "anci")) { if (m0(s, n, "anci")) s[n - 1] = V_E; return n; }
    if (ends(s, n, "izer")) return m0(s, n, "izer") ? n - 1 : n;
    if (ends(s, n, "bli")) { if (m0(s, n, "bli")) s[n - 1] = V_E; return n; }
    if (ends(s, n, "alli")) return m0(s, n, "alli") ? n - 2 : n;
    if (ends(s, n, "entli")) return m0(s, n, "entli") ? n - 2 : n;
    if (ends(s, n, "eli")) return m0(s, n, "eli") ? n - 2 : n;
    if (ends(s, n, "ousli")) return m0(s, n, "ousli") ? n - 2 : n;
    if (ends(s, n, "ization")) { if (m0(s, n, "ization")) { s[n - 5] = V_E; return n - 4; } return n; }
    if (ends(s, n, "ation")) { if (m0(s, n, "ation")) { s[n - 3] = V_E; return n - 2; } return n; }
    if (ends(s, n, "ator")) { if (m0(s, n, "ator")) { s[n - 2] = V_E; return n - 1; } return n; }
    if (ends(s, n, "alism")) return m0(s, n, "alism") ? n - 3 : n;
    if (ends(s, n, "iveness")) return m0(s, n, "iveness") ? n - 4 : n;
    if (ends(s, n, "fulness")) return m0(s, n, "fulness") ? n - 4 : n;
    if (ends(s, n, "ousness")) return m0(s, n, "ousness") ? n - 4 : n;
    if (ends(s, n, "aliti")) return m0(s, n, "aliti") ? n - 3 : n;
    if (ends(s, n, "iviti")) { if (m0(s, n, "iviti")) { s[n - 3] = V_E; return n - 2; } return n; }
    if (ends(s, n, "biliti")) { if (m0(s, n, "biliti")) { s[n - 5] = chr("l"); s[n - 4] = V_E; return n - 3; } return n; }
    if (ends(s, n, "logi")) return m0(s, n, "logi") ? n - 1 : n;
    return n;
  }
  function step3(s, n) {
    if (ends(s, n, "icate")) return m0(s, n, "icate") ? n - 3 : n;
    if (ends(s, n, "ative")) return m0(s, n, "ative") ? n - 5 : n;
    if (ends(s, n, "alize")) return m0(s, n, "alize") ? n - 3 : n;
    if (ends(s, n, "iciti")) return m0(s, n, "iciti") ? n - 3 : n;
    if (ends(s, n, "ical")) return m0(s, n, "ical") ? n - 2 : n;
    if (ends(s, n, "ful")) return m0(s, n, "ful") ? n - 3 : n;
    if (ends(s, n, "ness")) return m0(s, n, "ness") ? n - 4 : n;
    return n;
  }
  var STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
    "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize"];
  function step4(s, n) {
    for (var i = 0; i < STEP4.length; i++) {
      var suf = STEP4[i];
      if (!ends(s, n, suf)) continue;
      var sl = n - suf.length;
      if (suf === "ion") {
        var c = s[sl - 1];
        return measure(s, sl) > 1 && (c === chr("s") || c === chr("t")) ? sl : n;
      }
      return measure(s, sl) > 1 ? sl : n;
    }
    return n;
  }
  function step5a(s, n) {
    if (s[n - 1] !== V_E) return n;
    var sl = n - 1, m = measure(s, sl);
    if (m > 1) return sl;
    if (m === 1) {
      var c = s[sl - 1];
      if (!(cvc(s, sl) && c !== chr("w") && c !== chr("x") && c !== C_Y)) return sl;
    }
    return n;
  }
  function step5b(s, n) {
    if (n > 2 && s[n - 2] === chr("l") && s[n - 1] === chr("l") && measure(s, n - 1) > 1) return n - 1;
    return n;
  }
  function porter(rs) {
    var n = rs.length;
    if (n <= 2) return rs;
    var s = rs.slice();
    n = step1a(s, n);
    n = step1b(s, n);
    n = step1c(s, n);
    n = step2(s, n);
    n = step3(s, n);
    n = step4(s, n);
    n = step5a(s, n);
    n = step5b(s, n);
    return s.slice(0, n);
  }

  // endsInLongMark is analyzer.go's: whether the runes rs of a term are a
  // katakana word ending in ー (U+30FC) after a katakana letter
  // (U+30A1–U+30FA), whose mark analyzeUpTo leaves out of the pairs
  // (foldLongMarks), so サーバー and サーバ, エラー率 and エラ率 are the
  // same terms.
  function endsInLongMark(rs) {
    var n = rs.length;
    return n >= 2 && rs[n - 1] === 0x30FC && rs[n - 2] >= 0x30A1 && rs[n - 2] <= 0x30FA;
  }

  // dropThousands is analyzer.go's thousandsFilter: the commas of a number
  // written as grouped thousands go, so 4,000 (and ４，０００, after
  // widthFold) is the term 4000.
  var GROUPED_NUMBER = /^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$/;
  function dropThousands(rs) {
    if (rs.length < 5 || rs[0] < 0x30 || rs[0] > 0x39 || rs.indexOf(0x2C) < 0 || !GROUPED_NUMBER.test(fromRunes(rs))) return rs;
    return rs.filter(function (c) { return c !== 0x2C; });
  }

  // The filters make a token's term from its runes alone, so their output
  // is kept per distinct token text: {runes, term}, or null for a stop
  // word, one memo for analyze and one for the prefix analyzer. A page
  // analyses the same words over and over (highlight, every result, both
  // ways); a memo that reaches MEMO_MAX words starts again.
  var MEMO_MAX = 10000;
  var filteredFull = new Map(), filteredPrefix = new Map();

  function filtered(word, full) {
    var memo = full ? filteredFull : filteredPrefix, f = memo.get(word);
    if (f !== undefined) return f;
    if (full) {
      // The full chain is the prefix chain, then stop words and stemming.
      f = filtered(word, false);
      if (stopWords.has(f.term)) {
        f = null;
      } else {
        var rs = porter(f.runes);
        f = { runes: rs, term: fromRunes(rs) };
      }
    } else {
      var low = lower(possessive(dropThousands(widthFold(runesOf(word)))));
      f = { runes: low, term: fromRunes(low) };
    }
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(word, f);
    return f;
  }

  // segmenterOf is a Segmenter of text through a memo of the last two
  // texts: highlight analyses a text twice in a row, for words and for
  // prefixes. Callers must not change the tokens.
  var recentTexts = [], recentSegments = [];
  function segmenterOf(text) {
    for (var i = 0; i < recentTexts.length; i++) if (recentTexts[i] === text) return recentSegments[i];
    var segs = new Segmenter(text);
    recentTexts.unshift(text);
    recentSegments.unshift(segs);
    if (recentTexts.length > 2) {
      recentTexts.pop();
      recentSegments.pop();
    }
    return segs;
  }

  // termBounds is analyzer.go's: where each character of the term f of
  // word (its runes) starts and ends in word, in UTF-8 bytes (b8) and
  // UTF-16 units (b16), n+1 of each for n runes; null when each character
  // of the term is as long as the word's (no half-width ﾊﾞ folded into
  // バ). A character of the term is one of the word, or a letter and the
  // voiced or semi-voiced mark after it (ﾞ, ﾟ) that widthFold combined
  // with it; the term ends where the word does. Kept with f.
  function termBounds(f, word) {
    if (f.bounds !== undefined) return f.bounds;
    var rs = f.runes, n8 = 0, k;
    for (k = 0; k < rs.length; k++) n8 += utf8Len(rs[k]);
    var src = runesOf(word), w8 = 0;
    for (k = 0; k < src.length; k++) w8 += utf8Len(src[k]);
    if (n8 === w8) return (f.bounds = null);
    var b8 = [0], b16 = [0], j = 0, x8 = 0, x16 = 0;
    for (k = 0; k < rs.length; k++) {
      if (j < src.length) {
        var m = 1;
        if (j + 1 < src.length && (src[j + 1] === 0xFF9E || src[j + 1] === 0xFF9F) && widthFold([src[j], src[j + 1]]).length === 1) m = 2;
        for (var e = j + m; j < e; j++) {
          x8 += utf8Len(src[j]);
          x16 += src[j] > 0xffff ? 2 : 1;
        }
      }
      b8.push(x8);
      b16.push(x16);
    }
    b8[rs.length] = w8;
    b16[rs.length] = word.length;
    return (f.bounds = { b8: b8, b16: b16 });
  }

  // analyze returns the terms bleve's "pmkb" analyzer makes of text, each
  // with its position, UTF-8 offsets (start, end) and UTF-16 offsets
  // (from, to). With opts.prefix the stop filter and the stemmer are left
  // out (the prefix analyzer).
  //
  // Its last filter, cjk_bigram, runs as the tokens come: ideographic
  // tokens become overlapping pairs of runes; a rune with no aligned
  // neighbour is kept alone. The last ideographic rune is held in r0 (with
  // its offsets) while have is set, alone while no pair has used it. Each
  // rune has the offsets of what it stands for in the text (termBounds: a
  // half-width ﾊﾞ folded to バ is one rune of two characters), and
  // touching is tested there (analyzer.go's pairs), so ﾌｪｲﾙｵｰﾊﾞｰ中 is
  // フェイルオーバー中 and a snippet marks ﾊﾞ whole. The word-final
  // ー of a katakana word (endsInLongMark) makes no pair (analyzer.go's
  // foldLongMarks): the pair before it ends where the word does, and the
  // letter before it stays in r0 to pair with the next touching rune
  // (サーバーが: サー, ーバ, バが).
  function analyze(text, opts) {
    return analyzeUpTo(text, !(opts && opts.prefix), Infinity).toks;
  }

  // analyzeUpTo is analyze (full: with stop words and stemming) of the
  // tokens of text that start before the UTF-16 offset limit: {toks,
  // exact}, where toks are the terms analyze makes of the whole text that
  // start before exact (Infinity when the whole text was analysed). exact
  // can fall short of limit: a term of the last ideographic rune depends
  // on the token after it.
  function analyzeUpTo(text, full, limit) {
    var st = strippedOf(text);
    if (!st) return analyzeVisible(text, full, limit);
    var r = analyzeVisible(st.text, full, limit === Infinity ? Infinity : limit - st.before16(limit));
    r.toks.forEach(function (t) {
      t.start = t.start + st.d8(t.start, false);
      t.end = t.end + st.d8(t.end, true);
      t.from = t.from + st.d16(t.from, false);
      t.to = t.to + st.d16(t.to, true);
    });
    if (r.exact !== Infinity) r.exact += st.d16(r.exact, false);
    return r;
  }

  // IGNORABLE finds analyzer.go's isIgnorable characters: SOFT HYPHEN,
  // ZERO WIDTH SPACE, ZERO WIDTH NON-JOINER and JOINER, WORD JOINER and
  // ZERO WIDTH NO-BREAK SPACE, which a word is read without (QA 21 F7).
  var IGNORABLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]+/g;

  // strippedOf is analyzer.go's stripIgnorable: null when text has no
  // invisible format character, else {text} without them, with where
  // they were: for each run left out, its offset in the text without
  // them and its length, in UTF-8 bytes (at8, n8) and UTF-16 units (at16,
  // n16). d8 and d16 are how far an offset of that text is from the
  // text's (ignorableCuts' start, or end when atEnd: a token's invisible
  // characters inside are in it, those right after it are not);
  // before16 is how many units before an offset of the text go. The last
  // text is remembered (highlight analyses one text again and again).
  var lastStripped = { src: null, st: null };
  function strippedOf(text) {
    if (lastStripped.src === text) return lastStripped.st;
    var st = null;
    IGNORABLE.lastIndex = 0;
    if (IGNORABLE.test(text)) {
      var at8 = [], n8 = [], at16 = [], n16 = [], parts = [], from = 0, out8 = 0, out16 = 0, m;
      IGNORABLE.lastIndex = 0;
      while ((m = IGNORABLE.exec(text)) !== null) {
        var kept = text.slice(from, m.index);
        parts.push(kept);
        out16 += kept.length;
        out8 += utf8Length(kept);
        at8.push(out8);
        n8.push(utf8Length(m[0]));
        at16.push(out16);
        n16.push(m[0].length);
        from = m.index + m[0].length;
      }
      parts.push(text.slice(from));
      var shift = function (at, n) {
        return function (o, atEnd) {
          var d = 0;
          for (var i = 0; i < at.length && (atEnd ? at[i] < o : at[i] <= o); i++) d += n[i];
          return d;
        };
      };
      st = {
        text: parts.join(""), d8: shift(at8, n8), d16: shift(at16, n16),
        before16: function (o) {
          var d = 0;
          for (var i = 0; i < at16.length && at16[i] + d < o; i++) d += Math.min(n16[i], o - at16[i] - d);
          return d;
        }
      };
    }
    lastStripped = { src: text, st: st };
    return st;
  }

  // utf8Length is the length of s in UTF-8 bytes.
  function utf8Length(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xFC00) === 0xDC00) {
        n += 4;
        i++;
      } else n += 3;
    }
    return n;
  }

  // analyzeVisible is analyzeUpTo of a text without invisible format
  // characters.
  function analyzeVisible(text, full, limit) {
    var sg = segmenterOf(text), segs = sg.upTo(limit), out = [], pos = 1;
    var have = false, alone = false, r0 = 0, s0 = 0, e0 = 0, x0 = 0, f0 = 0, t0 = 0, i;
    for (i = 0; i < segs.length && segs[i].from < limit; i++) {
      var seg = segs[i], f = filtered(text.slice(seg.from, seg.to), full);
      if (!f) continue;
      if (seg.type !== IDEO) {
        if (alone) out.push({ term: String.fromCodePoint(r0), start: s0, end: x0, from: f0, to: t0, pos: pos++ });
        have = alone = false;
        out.push({ term: f.term, start: seg.start, end: seg.end, from: seg.from, to: seg.to, pos: pos++ });
        continue;
      }
      var rs = f.runes, sofar = 0, sofar16 = 0, last = rs.length - 1, fold = endsInLongMark(rs);
      var bd = termBounds(f, text.slice(seg.from, seg.to));
      for (var k = 0; k < rs.length; k++) {
        var r = rs[k], start, end, from, to;
        if (bd) {
          start = seg.start + bd.b8[k];
          end = seg.start + bd.b8[k + 1];
          from = seg.from + bd.b16[k];
          to = seg.from + bd.b16[k + 1];
        } else {
          start = seg.start + sofar;
          end = start + utf8Len(r);
          from = seg.from + sofar16;
          to = from + (r > 0xffff ? 2 : 1);
          sofar = end - seg.start;
          sofar16 = to - seg.from;
        }
        // endOut, toOut: where a term ending with this rune ends.
        var endOut = end, toOut = to;
        if (fold && k === last - 1) {
          endOut = seg.end;
          toOut = seg.to;
        }
        if (have && start !== e0) {
          if (alone) out.push({ term: String.fromCodePoint(r0), start: s0, end: x0, from: f0, to: t0, pos: pos++ });
          have = false;
        }
        if (fold && k === last) {
          // The mark: no pair; the letter in r0 pairs with what touches it,
          // or is alone (キー) as it was.
          e0 = end;
          continue;
        }
        alone = !have;
        if (have) out.push({ term: String.fromCodePoint(r0, r), start: s0, end: endOut, from: f0, to: toOut, pos: pos++ });
        have = true;
        r0 = r;
        s0 = start;
        e0 = end;
        x0 = endOut;
        f0 = from;
        t0 = toOut;
      }
    }
    if (i < segs.length || !sg.done()) return { toks: out, exact: have ? f0 : segs[i].from };
    if (alone) out.push({ term: String.fromCodePoint(r0), start: s0, end: x0, from: f0, to: t0, pos: pos++ });
    return { toks: out, exact: Infinity };
  }

  // ---- query parsing (generator/internal/search/engine.go parseQuery) ----

  var FACETS = ["severity", "system", "cause", "team", "year", "tag"];
  var MAX_EXPANSIONS = 16;

  function isQuerySpace(c) {
    return c === 0x20 || (c >= 0x09 && c <= 0x0D) || c === 0xA0 || c === 0x3000;
  }

  // isMinus: a hyphen, or a full-width one (engine.go isMinus).
  function isMinus(c) { return c === 0x2D || c === 0xFF0D; }

  // isOperator mirrors engine.go: whether the token t is the operator word
  // op (NOT, OR) in capitals, unquoted and not excluded, read as a filter's
  // word is read (filterText), so a full-width ＮＯＴ is NOT (QA 14 B-F8).
  function isOperator(t, op) { return !t.quoted && !t.minus && filterText(t.text) === op; }

  // CLOSING_QUOTES maps a mark that opens a phrase to those that close it
  // (engine.go closingQuotes): "…", and what smart quotes, other languages
  // and Japanese input methods type for it, “…”, „…“ or „…”, «…», 「…」,
  // 『…』, ＂…＂ (QA 16 C-F5).
  var CLOSING_QUOTES = {
    0x22: [0x22], 0x201C: [0x201D], 0x201E: [0x201C, 0x201D], 0xAB: [0xBB],
    0x300C: [0x300D], 0x300E: [0x300F], 0xFF02: [0xFF02]
  };

  // splitQuery mirrors engine.go: words, phrases and filters, minus set on
  // one excluded (-zone, -"forward zone", NOT zone; text is what follows),
  // open on a phrase whose closing quote is not written ("connection po).
  function splitQuery(q) {
    // As engine.go: the invisible characters words lose go first.
    var rs = Array.from(q.replace(IGNORABLE, "")).map(function (c) { return c.codePointAt(0); }), out = [], i = 0, j, k;
    var str = function (a, b) { return fromRunes(rs.slice(a, b)); };
    // closing finds the mark that ends a run quoted by open, from i.
    var closing = function (open, i) {
      var ends = CLOSING_QUOTES[open];
      while (i < rs.length && ends.indexOf(rs[i]) < 0) i++;
      return i;
    };
    while (i < rs.length) {
      var minus = isMinus(rs[i]) && i + 1 < rs.length && !isQuerySpace(rs[i + 1]) && !isMinus(rs[i + 1]);
      if (minus) i++;
      if (isQuerySpace(rs[i])) { i++; continue; }
      if (CLOSING_QUOTES[rs[i]]) {
        j = closing(rs[i], i + 1);
        out.push({ text: str(i + 1, j), quoted: true, minus: minus, open: j >= rs.length });
        i = j + 1;
        continue;
      }
      j = i;
      var done = false;
      while (j < rs.length && !isQuerySpace(rs[j])) {
        if (CLOSING_QUOTES[rs[j]] && j > i && (rs[j - 1] === 0x3A || rs[j - 1] === 0xFF1A)) {
          k = closing(rs[j], j + 1);
          out.push({ text: str(i, j) + str(j + 1, Math.min(k, rs.length)), quoted: false, minus: minus });
          i = k + 1;
          done = true;
          break;
        }
        j++;
      }
      if (done) continue;
      out.push({ text: str(i, j), quoted: false, minus: minus });
      i = j;
    }
    for (i = 0; i + 1 < out.length; i++) {
      if (isOperator(out[i], "NOT")) {
        out[i + 1].minus = true;
        out.splice(i, 1);
      }
    }
    return out;
  }

  function asciiLower(s) {
    return s.replace(/[A-Z]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) + 32); });
  }

  function cmpCodePoints(a, b) {
    var x = Array.from(a), y = Array.from(b);
    for (var i = 0; i < x.length && i < y.length; i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d < 0 ? -1 : 1;
    }
    return x.length - y.length;
  }

  function runeCount(s) { return Array.from(s).length; }

  // shardKey and prefixKey mirror memindex.go.
  function shardKey(term) {
    var rs = Array.from(term);
    if (!rs.length) return null;
    if (rs[0].codePointAt(0) >= 0x2E80 || rs.length === 1) return rs[0];
    return rs[0] + rs[1];
  }
  function prefixKey(p) {
    var rs = Array.from(p);
    if (!rs.length || (rs[0].codePointAt(0) < 0x2E80 && rs.length === 1)) return null;
    return shardKey(p);
  }

  // wordClause mirrors engine.go: a term, or a phrase; a word ending in a
  // katakana letter and the long mark that pairs with nothing before it
  // (キー, APIキー) ends in that letter as a marked prefix (QA 18r F13).
  function wordClause(word) {
    var toks = analyze(word);
    if (!toks.length) return null;
    var last = toks[toks.length - 1], marked = writtenWithMark(word, last);
    if (toks.length === 1) {
      return marked ? { kind: "prefix", terms: [last.term], word: last.term, marked: true } : { kind: "term", terms: [last.term] };
    }
    var c = {
      kind: marked ? "phraseprefix" : "phrase",
      terms: toks.map(function (t) { return t.term; }),
      offsets: toks.map(function (t) { return t.pos - toks[0].pos; })
    };
    if (marked) {
      c.word = last.term;
      c.marked = true;
    }
    return c;
  }

  function prefixClause(word) {
    var toks = analyze(word, { prefix: true });
    if (toks.length !== 1) return null;
    var p = foldTyping(toks[0].term);
    if (prefixKey(p) === null) return null;
    var full = analyze(word);
    var c = { kind: "prefix", terms: [p], word: full.length === 1 ? full[0].term : "" };
    if (writtenWithMark(word, toks[0])) c.marked = true;
    return c;
  }

  // writtenWithMark mirrors engine.go: the one term t of word is a
  // katakana letter whose text ends with the long mark (キー, ｷｰ).
  function writtenWithMark(word, t) {
    var r = t.term.codePointAt(0), text = word.slice(t.from, t.to), last = text.charCodeAt(text.length - 1);
    return t.term.length === 1 && r >= 0x30A1 && r <= 0x30FA && (last === 0x30FC || last === 0xFF70);
  }

  // markedExpansion mirrors engine.go: a term that may stand for a prefix
  // written with the long mark (キー): its second character, if any, is
  // not a katakana letter (キに, キー, not キャ; QA 18 b-F5).
  function markedExpansion(t) {
    var r = Array.from(t)[1];
    var c = r === undefined ? 0 : r.codePointAt(0);
    return !(c >= 0x30A1 && c <= 0x30FA);
  }

  // foldTyping mirrors engine.go: a grouped number being typed (18,4) is
  // the prefix of the number without its commas (184; QA 16r a-F4).
  function foldTyping(p) {
    return /^[0-9]{1,3}(,[0-9]{3})*,[0-9]{1,2}$/.test(p) ? p.replace(/,/g, "") : p;
  }

  // asPrefix mirrors engine.go: the clause of a word taken as a prefix (the
  // word being typed, a word*, the last word retried): a prefix when it is
  // one term, else, when its last term has two runes or more and is not
  // CJK, the phrase of its terms with the last a prefix (api.acme.ex,
  // opensearch-pro), the complete parts analysed as a word is.
  function asPrefix(word) {
    var c = prefixClause(word);
    if (c) return c;
    var toks = analyze(word, { prefix: true });
    if (toks.length < 2) return null;
    var last = toks[toks.length - 1], p = last.term;
    if (prefixKey(p) === null || isCJKTerm(p)) return null;
    var lastFull = analyze(word.slice(last.from)), w = lastFull.length === 1 ? lastFull[0].term : "";
    var head = analyze(word).filter(function (t) { return t.from < last.from; });
    if (!head.length) return { kind: "prefix", terms: [p], word: w };
    var offsets = head.map(function (t) { return t.pos - head[0].pos; });
    offsets.push(offsets[offsets.length - 1] + 1);
    return { kind: "phraseprefix", terms: head.map(function (t) { return t.term; }).concat([p]), offsets: offsets, word: w };
  }

  // retryable and prefixShown mirror engine.go: whether the prefix clause
  // c of the last word may be retried (not one CJK rune), and how its hint
  // names it (a phrase prefix as the word was written).
  function retryable(c) { return c.kind === "phraseprefix" || runeCount(c.terms[0]) >= 2; }
  function prefixShown(c, word) { return c.kind === "phraseprefix" ? word : c.terms[0]; }

  // splitScripts cuts a word where its terms change between CJK and other
  // scripts ("DNS障害" → "DNS", "障害"), as engine.go's splitScripts does.
  function splitScripts(word) {
    var toks = analyze(word, { prefix: true }), parts = [], from = 0;
    for (var i = 1; i < toks.length; i++) {
      if (isCJKTerm(toks[i].term) !== isCJKTerm(toks[i - 1].term)) {
        parts.push(word.slice(from, toks[i].from));
        from = toks[i].from;
      }
    }
    parts.push(word.slice(from));
    return parts;
  }
  function isCJKTerm(term) { return term.length > 0 && term.codePointAt(0) >= 0x2E80; }

  // filterText is a query word as filters read it (engine.go filterText):
  // NFKC-folded, so severity：SEV1, severity:ＳＥＶ１ and
  // tag:"ディスク　容量" typed with a Japanese input method are filters.
  function filterText(w) { return w.normalize("NFKC"); }

  // isFilter returns {name, value} of a filter word (severity:SEV1), or null.
  function isFilter(t) {
    if (t.quoted || t.minus) return null;
    var text = filterText(t.text), colon = text.indexOf(":");
    if (colon < 0) return null;
    var name = asciiLower(text.slice(0, colon));
    return FACETS.indexOf(name) >= 0 ? { name: name, value: text.slice(colon + 1) } : null;
  }

  // valueKey folds a facet value as words are (engine.go valueKey): NFKC,
  // then Go's per-rune lower case.
  function valueKey(s) {
    return fromRunes(Array.from(s.normalize("NFKC")).map(function (c) { return toLowerRune(c.codePointAt(0)); }));
  }

  // teamKey folds a team name as model.Slug does (paths.go; the site's
  // team pages and pmkb search match teams by it): trimmed, NFKC, Go's
  // per-rune lower case; each run of other characters than letters,
  // digits and "_" becomes one "-", except a run of spaces next to a Han
  // character or kana, which is dropped ("SRE チーム" and "SREチーム" are
  // "sreチーム"); a name with no letter or digit is "x" and the hex of
  // each of its code points.
  function teamKey(s) {
    var out = "", dash = false, spaces = true, prev = 0;
    var rs = Array.from(s.replace(/^\p{White_Space}+|\p{White_Space}+$/gu, "").normalize("NFKC"));
    rs.forEach(function (c) {
      var r = toLowerRune(c.codePointAt(0)), ch = String.fromCodePoint(r);
      if (/^[\p{L}\p{Nd}_]$/u.test(ch)) {
        if (dash && out !== "" && !(spaces && (isCJKRune(prev) || isCJKRune(r)))) out += "-";
        dash = false; spaces = true; prev = r;
        out += ch;
      } else {
        dash = true;
        spaces = spaces && /^\p{White_Space}$/u.test(ch);
      }
    });
    if (out === "") {
      out = "x";
      Array.from(s).forEach(function (c) { out += "-" + c.codePointAt(0).toString(16); });
    }
    return out;
  }
  // isCJKRune is paths.go's isCJK: a Han character, kana, or the long
  // vowel mark, which Japanese and Chinese write without spaces around.
  function isCJKRune(r) {
    return r === 0x30FC || /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u.test(String.fromCodePoint(r));
  }

  // facetKey folds a value of facet name for matching (engine.go
  // facetKey): a team as teamKey, any other value as valueKey.
  function facetKey(name, s) { return name === "team" ? teamKey(s) : valueKey(s); }

  // withKeys gives the value v ({value, label}) of facet name its folded
  // keys, once when the facets load, so that filtering folds no facet
  // value per document: key is the value's facetKey, labelKey that of the
  // name the site shows (a catalog name; a severity's label, which
  // facets.json writes after the level), null when that is the value or
  // empty.
  function withKeys(name, v) {
    var label = v.label;
    if (name === "severity" && label.indexOf(v.value + " ") === 0) label = label.slice(v.value.length + 1);
    v.name = label;
    v.key = facetKey(name, v.value);
    v.labelKey = label !== v.value && label !== "" ? facetKey(name, label) : null;
    return v;
  }

  // filterKeys folds the wanted values of filters (facet → values as
  // written) with facetKey, once per query.
  function filterKeys(filters) {
    var keys = {};
    Object.keys(filters).forEach(function (name) { keys[name] = filters[name].map(function (w) { return facetKey(name, w); }); });
    return keys;
  }

  // valueMatches is engine.go's: the filter value whose facetKey is k
  // names the facet value v (see withKeys), by value or by the name the
  // site shows.
  function valueMatches(v, k) { return v.key === k || v.labelKey === k; }

  // isOneCJKRune mirrors engine.go: a part that is one term of one CJK
  // rune (鍵) is searched as a prefix (鍵*), since cjk_bigram indexes a
  // kanji only inside pairs.
  function isOneCJKRune(part) {
    var toks = analyze(part, { prefix: true });
    return toks.length === 1 && isCJKTerm(toks[0].term) && runeCount(toks[0].term) === 1;
  }
  // lastWord is the index of the last token that is neither a filter nor
  // excluded, or -1.
  function lastWord(toks) {
    for (var i = toks.length - 1; i >= 0; i--) if (!isFilter(toks[i]) && !toks[i].minus) return i;
    return -1;
  }

  // retryPrefix mirrors engine.go: the prefix the last word of q stands for
  // when a query that found nothing is run again with it as a prefix, or
  // null. A phrase still open ("connection po) is its complete words and
  // a word starting with its last (QA 18 b-F6).
  function retryPrefix(q) {
    var toks = splitQuery(q), i = lastWord(toks);
    if (i < 0) return null;
    var last = toks[i];
    if (last.quoted ? !last.open : /\*$/.test(last.text)) return null;
    var parts = last.quoted ? [last.text] : splitScripts(last.text), lp = parts[parts.length - 1], c = asPrefix(lp);
    if (!c || !retryable(c)) return null;
    return prefixShown(c, lp);
  }

  // isOneLetter mirrors engine.go: part is one term of one rune other
  // than a CJK one (c, ｘ), too short for a prefix.
  function isOneLetter(part) {
    var toks = analyze(part, { prefix: true });
    return toks.length === 1 && !isCJKTerm(toks[0].term) && runeCount(toks[0].term) === 1;
  }

  // endsInOneLetter mirrors engine.go: part makes several terms, the last
  // of one rune other than a CJK one (DB_M, api.acme.e; QA 16r a-F1).
  function endsInOneLetter(part) {
    var toks = analyze(part, { prefix: true });
    if (toks.length < 2) return false;
    var t = toks[toks.length - 1].term;
    return !isCJKTerm(t) && runeCount(t) === 1;
  }

  // parseQuery: see engine.go. filters (facet → values) from the URL join
  // those written in the query. short lists the words too short for a
  // prefix, for queryHints: a one-letter prefix* and a one-letter last
  // word, which retryPrefix does not retry. Each clause has from, the word
  // (or part) it was made from, {text, quoted}; lastAt is the index of the
  // last word's clause when it is not a closed phrase, not a prefix, and lastText
  // that word (engine.go's lastPart), for relaxed. common are the words
  // that make no clause as the analyzer leaves them out (the, was), for
  // queryHints (engine.go).
  function parseQuery(q, prefixLast, extraFilters) {
    var pq = { clauses: [], filters: {}, words: [], short: [], exclude: [], notFilters: {}, lastAt: -1, lastText: "", common: [], lone: [] }, toks = splitQuery(q), last = lastWord(toks);
    toks.forEach(function (t, i) {
      if (t.minus) {
        var nf = isFilter({ text: t.text, quoted: t.quoted });
        if (nf) {
          if (nf.value !== "") (pq.notFilters[nf.name] = pq.notFilters[nf.name] || []).push(nf.value);
          return;
        }
        var cs = excludedClauses(t);
        if (cs.length) pq.exclude.push(cs);
        return;
      }
      var f = isFilter(t);
      if (f) {
        if (f.value !== "") (pq.filters[f.name] = pq.filters[f.name] || []).push(f.value);
        else pq.emptyFilter = true;
        return;
      }
      pq.words.push(t.text);
      var word = t.text, prefix = false;
      if (!t.quoted) {
        var trimmed = word.replace(/\*+$/, "");
        prefix = trimmed !== word || (prefixLast && i === last);
        word = trimmed;
      } else {
        // A phrase being typed: its last word is too (QA 18 b-F6).
        prefix = !!t.open && !!prefixLast && i === last;
      }
      var parts = t.quoted ? [word] : splitScripts(word);
      parts.forEach(function (part, j) {
        var rest = trimLeadingMarks(part), cut = rest !== part;
        part = rest;
        if (!t.quoted && /\*$/.test(t.text) && j === parts.length - 1 && isOneLetter(part)) pq.short.push(t.text);
        var c = (prefix && j === parts.length - 1) || ((!t.quoted || cut) && isOneCJKRune(part)) ? asPrefix(part) : null;
        if (c) c.from = { text: part, quoted: false };
        else {
          c = wordClause(part);
          if (c) {
            c.from = { text: part, quoted: t.quoted };
            // A quoted character finds it only where it stands alone
            // (engine.go parsedQuery.lone, loneHint).
            if (t.quoted && !cut && isOneCJKRune(part) && pq.lone.indexOf(part) < 0) pq.lone.push(part);
          } else if (analyze(part, { prefix: true }).length) pq.common.push(part);
          // The last word's clause, which relaxing may take as a prefix.
          if (c && i === last && j === parts.length - 1 && (!t.quoted || t.open) && !prefix) {
            pq.lastAt = pq.clauses.length;
            pq.lastText = part;
          }
        }
        if (c) pq.clauses.push(c);
      });
    });
    if (!prefixLast && last >= 0 && !toks[last].quoted && !/\*$/.test(toks[last].text)) {
      var lastParts = splitScripts(toks[last].text), lp = lastParts[lastParts.length - 1];
      if (!isOneCJKRune(lp) && (isOneLetter(lp) || endsInOneLetter(lp))) pq.short.push(lp);
    }
    Object.keys(extraFilters || {}).forEach(function (name) {
      if (FACETS.indexOf(name) < 0) return;
      extraFilters[name].forEach(function (v) {
        if (v !== "") (pq.filters[name] = pq.filters[name] || []).push(v);
      });
    });
    return pq;
  }

  // trimLeadingMarks mirrors engine.go: part without the long marks (ー,
  // ｰ) it starts with when more follows them (ー率 is 率; QA 18r F6).
  function trimLeadingMarks(part) {
    var rest = part.replace(/^[ーｰ]+/, "");
    return rest === "" ? part : rest;
  }

  // excludedClauses mirrors engine.go: the clauses an excluded word or
  // phrase would be searched with alone.
  function excludedClauses(t) {
    var c;
    if (t.quoted) {
      var text = trimLeadingMarks(t.text);
      c = text !== t.text && isOneCJKRune(text) ? asPrefix(text) : null;
      if (!c) c = wordClause(text);
      return c ? [c] : [];
    }
    var word = t.text.replace(/\*+$/, ""), parts = splitScripts(word), out = [];
    parts.forEach(function (part, j) {
      part = trimLeadingMarks(part);
      c = (word !== t.text && j === parts.length - 1) || isOneCJKRune(part) ? asPrefix(part) : null;
      if (!c) c = wordClause(part);
      if (c) out.push(c);
    });
    return out;
  }

  // isSingleQuote: ', ‘ or ’ (query.go).
  function isSingleQuote(c) { return c === "'" || c === "\u2018" || c === "\u2019"; }

  // singleQuoted mirrors query.go: {phrase, written} when the unquoted
  // words toks start with a phrase in single quotes, else null.
  function singleQuoted(toks) {
    var first = Array.from(toks[0].text), words = [];
    if (first.length < 2 || !isSingleQuote(first[0])) return null;
    for (var j = 0; j < toks.length; j++) {
      if (toks[j].quoted) return null;
      words.push(toks[j].text);
      var rs = Array.from(toks[j].text);
      if ((j > 0 || rs.length > 2) && isSingleQuote(rs[rs.length - 1])) {
        var written = words.join(" "), inner = Array.from(written);
        var phrase = trimSpace(inner.slice(1, inner.length - 1).join(""));
        return phrase !== "" ? { phrase: phrase, written: written } : null;
      }
    }
    return null;
  }

  // trimSpace is Go's strings.TrimSpace.
  function trimSpace(s) {
    return s.replace(/^[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+|[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+$/g, "");
  }

  // operatorHints mirrors query.go: {op: "OR"} for an OR between words,
  // whatever the query found (every word must match here).
  function operatorHints(q) {
    return splitQuery(q).some(function (t) { return isOperator(t, "OR"); }) ? [{ op: "OR" }] : [];
  }

  // commonOnly mirrors engine.go: pq has common words and no clause.
  function commonOnly(pq) { return pq.clauses.length === 0 && pq.common.length > 0; }

  // queryHints mirrors hints in query.go: why a query may have found
  // nothing. {phrase, written} is a phrase in single quotes ('quota
  // exceeded'); {word} a word written like a filter that names none and
  // finds nothing as a word ("sev:SEV1", failedFilter; missing are the
  // words no postmortem has, none until relaxed knows them); {short} a word too short for a prefix (c*, or a last
  // word x); {facet, value, suggest} a filter value, wanted or excluded,
  // no postmortem has, with the values it most likely meant
  // (valueHints). fx is the facet index, loaded whenever filters are set.
  function queryHints(q, pq, fx, missing) {
    var out = [], toks = splitQuery(q);
    toks.forEach(function (t, i) {
      if (t.quoted || t.minus) return;
      var sq = singleQuoted(toks.slice(i));
      if (sq) out.push(sq);
      var text = filterText(t.text), colon = text.indexOf(":");
      if (colon <= 0) return;
      var name = text.slice(0, colon);
      if (colon === text.length - 1 && FACETS.indexOf(asciiLower(name)) >= 0) {
        out.push({ empty: text, facet: asciiLower(name), example: facetExample(fx, asciiLower(name)) });
        return;
      }
      var nf = failedFilter(t, missing || []);
      if (nf) out.push({ word: nf + ":" });
    });
    if (commonOnly(pq)) {
      var common = [];
      pq.common.forEach(function (w) { if (pq.short.indexOf(w) < 0 && common.indexOf(w) < 0) common.push(w); });
      if (common.length) out.push({ common: common });
    }
    (pq.short || []).forEach(function (w) { out.push({ short: w }); });
    return out.concat(valueHints(q, pq, fx, true));
  }

  // notFilter mirrors query.go: the name before the colon when the word
  // t is written like a filter that is not one, letters glued by the
  // colon to a letter or digit (sev:SEV1, status:open), else null: FATAL:,
  // panic: or https:// is a word (QA 16 C-F4).
  function notFilter(t) {
    if (t.quoted || t.minus) return null;
    var text = filterText(t.text), colon = text.indexOf(":");
    if (colon <= 0) return null;
    var name = text.slice(0, colon);
    if (FACETS.indexOf(asciiLower(name)) >= 0 || !/^\p{L}+$/u.test(name)) return null;
    return /^[\p{L}\p{N}]/u.test(text.slice(colon + 1)) ? name : null;
  }

  // failedFilter mirrors query.go: the name before the colon when the
  // word t is a filter typed wrong: written like one (notFilter), its
  // name near a filter name (sev:, systems:, tags:; suggestNames), and
  // no postmortem has it as a word (it is in missing), else null. Any
  // other colon word is a word (redis:alpine), named with the words no
  // postmortem has when it finds nothing (QA 21r F5).
  // A contract field's name (status:, owner:) counts as a filter's too
  // (QA 21r2 F4); FIELD_NAMES is query.go's fieldNames.
  var FIELD_NAMES = ["author", "authors", "commander", "date", "detection", "due", "id", "impact", "kind", "lang",
    "owner", "priority", "status", "summary", "title", "trigger", "visibility"];
  function failedFilter(t, missing) {
    var nf = notFilter(t);
    if (!nf || missing.indexOf(t.text) < 0 ||
      !suggestNames(nf, FACETS, asciiLower).length && FIELD_NAMES.indexOf(asciiLower(nf)) < 0) return null;
    return nf;
  }

  // valueHints mirrors query.go: {facet, value, minus, spaced, several,
  // suggest} for each excluded filter value (and, with wanted, each wanted
  // one) of the query q no postmortem has: spaced when the value is the
  // first word of one typed without quotes (spacedValues), else several
  // when it lists values with commas, else suggest, the values it most
  // likely meant (valueSuggestion). rank gives the excluded ones whatever
  // was found.
  function valueHints(q, pq, fx, wanted) {
    var out = [], spaced = spacedValues(splitQuery(q), fx);
    FACETS.forEach(function (name) {
      var wants = wanted ? pq.filters[name] || [] : [];
      wants.concat(pq.notFilters[name] || []).forEach(function (want, n) {
        if (facetValue(fx, name, want)) return;
        var minus = n >= wants.length, h = { facet: name, value: want, minus: minus };
        var sp = spaced.get(JSON.stringify([name, want, minus]));
        if (sp) h.spaced = sp;
        else if (want.indexOf(",") >= 0) h.several = true;
        else h.suggest = valueSuggestion(fx, name, want);
        out.push(h);
      });
    });
    return out;
  }

  // facetValue mirrors query.go: the value of facet name in fx that the
  // filter value want names (itself or its label), or null.
  function facetValue(fx, name, want) {
    if (!fx) return null;
    var k = facetKey(name, want), v = fx[name].values.find(function (v) { return valueMatches(v, k); });
    return v ? v.value : null;
  }

  // spacedValues mirrors query.go: the filters of toks whose value names
  // nothing alone but, joined with the next one to three plain words, a
  // value a postmortem has: system:Checkout API, typed without quotes, is
  // the filter system:Checkout and the word API (QA 13 F2). A map from
  // JSON [facet, value, minus] to {written: "Checkout API", value:
  // "checkout-api", words: 2} (words: the query's words it spans).
  function spacedValues(toks, fx) {
    var out = new Map();
    toks.forEach(function (t, i) {
      var f = isFilter({ text: t.text, quoted: t.quoted });
      if (!f || f.value === "" || facetValue(fx, f.name, f.value)) return;
      var joined = f.value;
      for (var j = i + 1; j < toks.length && j <= i + 3; j++) {
        var next = toks[j];
        if (next.quoted || next.minus || /[:：]/.test(next.text)) break;
        joined += " " + filterText(next.text);
        var v = facetValue(fx, f.name, joined);
        if (v) {
          out.set(JSON.stringify([f.name, f.value, t.minus]), { written: joined, value: v, words: j - i + 1 });
          break;
        }
      }
    });
    return out;
  }

  // filterWord is query.go's: the filter of facet name for value as it is
  // typed, value in double quotes when it holds a space, after a minus
  // when excluded.
  function filterWord(name, value, minus) {
    var spaced = Array.from(value).some(function (c) { return isQuerySpace(c.codePointAt(0)); });
    return (minus ? "-" : "") + name + ":" + (spaced ? JSON.stringify(value) : value);
  }

  // normalName and suggestName are diag.Suggest: the candidate s most
  // likely means, or "" when none is within a third of s's length in
  // edits (at least one) or two are as near.
  function normalName(s) {
    return fromRunes(Array.from(s).map(function (c) { return toLowerRune(c.codePointAt(0)); })).replace(/[- ]/g, "_");
  }
  function suggestName(s, cands) {
    var ns = normalName(s), best = "", bestD = Math.max(1, Math.floor(runeCount(ns) / 3)) + 1, tie = false;
    cands.forEach(function (c) {
      var d = editDistance(ns, normalName(c), Infinity);
      if (d < bestD) {
        best = c;
        bestD = d;
        tie = false;
      } else if (d === bestD && c !== best) {
        tie = true;
      }
    });
    return tie ? "" : best;
  }

  // suggestNames is diag.SuggestNames: the names of known whose key
  // starts with s's (up to three), else the nearest by key, else those
  // with a later word that starts with s's key (up to three).
  function suggestNames(s, known, key) {
    var k = key(s), bySlug = new Map(), slugs = [], prefixed = [], inside = [];
    known.forEach(function (name) {
      var ks = key(name);
      if (bySlug.has(ks)) return;
      bySlug.set(ks, name);
      slugs.push(ks);
      if (ks.indexOf(k) === 0) prefixed.push(name);
      else if (k !== "" && ks.indexOf("-" + k) >= 0) inside.push(name);
    });
    if (prefixed.length) return prefixed.slice(0, 3);
    var near = suggestName(k, slugs);
    return near ? [bySlug.get(near)] : inside.slice(0, 3);
  }

  // valueSuggestion mirrors query.go: the values of facet name (or the
  // names the site shows for them) a value no postmortem has most likely
  // meant, as pmkb actions suggests a system or team (by teamKey, which is
  // model.Slug).
  // It returns [{value, label}]: the value to type, and the name the site
  // shows for it when that differs ("" when not), each value once.
  function valueSuggestion(fx, name, want) {
    var known = [], valueOf = new Map(), labelOf = new Map();
    var values = (fx && fx[name].values) || [];
    values.forEach(function (v) {
      known.push(v.value);
      valueOf.set(v.value, v.value);
      labelOf.set(v.value, v.name && v.name !== v.value ? v.name : "");
    });
    values.forEach(function (v) {
      if (!v.name || v.name === v.value) return;
      known.push(v.name);
      if (!valueOf.has(v.name)) valueOf.set(v.name, v.value);
    });
    known.sort(cmpCodePoints);
    known = known.filter(function (x, i) { return i === 0 || x !== known[i - 1]; });
    var seen = new Set(), out = [];
    suggestNames(want, known, teamKey).forEach(function (n) {
      var v = valueOf.get(n);
      if (seen.has(v)) return;
      seen.add(v);
      out.push({ value: v, label: labelOf.get(v) });
    });
    return out;
  }

  // FACET_EXAMPLE is a value shown for a filter written without one when
  // the site has none (query.go defaultFacetExample).
  var FACET_EXAMPLE = { severity: "SEV1", system: "checkout-api", cause: "expired-certificate", team: "payments", year: "2024", tag: "postgres" };

  // facetExample is query.go's: the site's value of facet name held by most
  // postmortems, ties to the first in code-point order.
  function facetExample(fx, name) {
    var best = null;
    ((fx && fx[name].values) || []).forEach(function (v) {
      if (!best || v.docs.length > best.docs.length || (v.docs.length === best.docs.length && cmpCodePoints(v.value, best.value) < 0)) best = v;
    });
    return best ? best.value : FACET_EXAMPLE[name];
  }

  // jaQuote quotes a word of the query in a Japanese hint as the list
  // pages quote a value (ja.json filter.unknown): 「…」, no space next to
  // the brackets (QA 14 B-F13). English hints quote as pmkb search does,
  // with JSON.stringify.
  function jaQuote(s) { return "「" + s + "」"; }

  // hintText words a hint of queryHints, search and relaxed as pmkb
  // search does, in lang: {missing: words, shown} the words no postmortem
  // has, left out of the results shown; {missing, none} or {missing} those
  // of a query that found nothing even without them (none: nothing was
  // left to search); {split: run} an unspaced run searched as its words;
  // {common: words} the words of a query of common words only; {apart}
  // each word found alone, none with all of them (review 16 search-3);
  // {lone: word, shown} a quoted character no postmortem has standing
  // alone (shown: left out of the results shown). In
  // Japanese a word of the query is quoted by jaQuote and a question ends
  // with ？; what is to be typed stays as typed ("a phrase" in double
  // quotes, system:"Checkout API").
  function hintText(h, lang) {
    var filters = FACETS.join(":, ") + ":";
    var q = JSON.stringify, jq = jaQuote;
    if (h.typo) {
      return lang === "ja" ? jq(h.typo) + "を含むポストモーテムはありません。" + jq(h.suggest) + "のことですか？" :
        "no postmortem has the word " + q(h.typo) + "; did you mean " + q(h.suggest) + "?";
    }
    if (h.lone) {
      // query.go loneHint: a quoted character finds it only where it
      // stands alone, which is not that no postmortem has it.
      if (lang === "ja") {
        return jq(h.lone) + "が単独で書かれたポストモーテムはありません。" + (h.shown ? "その語を除いて検索した結果を表示しています。" : "") +
          "引用符を付けずに " + h.lone + " で検索すると、" + h.lone + " で始まる語を含むポストモーテムを探せます";
      }
      return "no postmortem has " + q(h.lone) + " standing alone; " + (h.shown ? "showing postmortems without it (search " + h.lone + " without quotes for the words that start with it)" :
        "search " + h.lone + " without quotes for the words that start with it");
    }
    if (h.missing) {
      var words = h.missing.map(lang === "ja" ? jq : q);
      if (h.shown) {
        return lang === "ja" ? words.join("") + "を含むポストモーテムはありません。その語を除いて検索した結果を表示しています" :
          "no postmortem has " + words.join(", ") + "; showing postmortems without " + (words.length === 1 ? "it" : "them");
      }
      if (words.length === 1) {
        // A quoted phrase of several words is no word (QA 18 b-F6).
        var phrase = Array.from(h.missing[0]).some(function (c) { return isQuerySpace(c.codePointAt(0)); });
        return lang === "ja" ? words[0] + "を含むポストモーテムはありません" : "no postmortem has the " + (phrase ? "phrase " : "word ") + words[0];
      }
      if (h.none) {
        return lang === "ja" ? words.join("") + "のどれを含むポストモーテムもありません" : "no postmortem has any of the words " + words.join(", ");
      }
      return lang === "ja" ? words.join("") + "を含むポストモーテムはありません" : "no postmortem has the words " + words.join(", ");
    }
    if (h.common) {
      if (lang === "ja") return h.common.map(jq).join("") + "はありふれた語のため検索できません";
      return h.common.length === 1 ? q(h.common[0]) + " is too common a word to be searched" :
        h.common.map(q).join(", ") + " are too common words to be searched";
    }
    if (h.apart) {
      return lang === "ja" ? "どの語もいずれかのポストモーテムにありますが、すべてを含むポストモーテムはありません。1 語ずつ除いて検索してください" :
        "each word is in some postmortem, but none has them all: leave one out";
    }
    if (h.split) {
      return lang === "ja" ? jq(h.split) + "と書かれたポストモーテムはありません。その語句を含むポストモーテムを表示しています" :
        "no postmortem has " + q(h.split) + " as written; showing postmortems with its words";
    }
    if (h.prefix) {
      return lang === "ja" ? "完全に一致する語はありません。" + jq(h.prefix) + "で始まる語を含むポストモーテムを表示しています" :
        "no exact match; showing words starting with " + q(h.prefix);
    }
    if (h.empty) {
      var ex = h.facet + ":" + (h.example || FACET_EXAMPLE[h.facet]);
      return lang === "ja" ? jq(h.empty) + "に値がありません。" + ex + " のように、コロンの直後に値を書いてください" :
        q(h.empty) + " has no value: write the value right after the colon, as in " + ex;
    }
    if (h.spaced) return partsText(valueHintParts(h, lang));
    if (h.several) {
      var words = h.facet + ":" + h.value.split(",").join(" " + h.facet + ":");
      return lang === "ja" ? h.facet + " が" + jq(h.value) + "のポストモーテムはありません。複数の値のどれかに一致させるには、1 つずつ別の語で書いてください：" + words :
        "no postmortem has " + h.facet + " " + q(h.value) + "; for any of several values write one word each: " + words;
    }
    if (h.phrase) {
      return lang === "ja" ? "フレーズは二重引用符で囲んでください：" + h.written + " ではなく " + q(h.phrase) :
        "phrases take double quotes: write " + q(h.phrase) + ", not " + h.written;
    }
    if (h.short) {
      if (/\*$/.test(h.short)) {
        return lang === "ja" ? jq(h.short) + "は 1 文字で、前方一致には短すぎます。* の前に 2 文字以上書いてください" :
          q(h.short) + " is one letter, too short for a prefix: write at least two before the *";
      }
      if (runeCount(h.short) > 1) {
        // A name whose last part is one letter (DB_M; QA 16r a-F1).
        return lang === "ja" ? jq(h.short) + "の最後の部分は 1 文字で、語の先頭として検索するには短すぎます。2 文字以上入力してください" :
          "the last part of " + q(h.short) + " is one letter, too short to be searched as the start of a word: type at least two";
      }
      return lang === "ja" ? jq(h.short) + "は 1 文字で、語の先頭として検索するには短すぎます。2 文字以上入力してください" :
        q(h.short) + " is one letter, too short to be searched as the start of a word: type at least two";
    }
    if (lang === "ja") {
      if (h.op) return jq(h.op) + "は演算子ではありません。すべての語が一致する必要があります。どちらかの語を含むものは、それぞれ検索してください";
      if (h.word) return jq(h.word) + "はフィルターではありません。フィルターは " + FACETS.join(":、") + ": です";
    } else {
      if (h.op) return q(h.op) + " is not an operator: every word must match; to find either word, search for each";
      if (h.word) return JSON.stringify(h.word) + " is not a filter; the filters are " + filters;
    }
    return partsText(valueHintParts(h, lang));
  }

  // isValueHint reports whether h is a hint of valueHints worded by
  // valueHintParts: a filter value no postmortem has, with the filters
  // to type instead or none.
  function isValueHint(h) { return !!h.facet && h.value !== undefined && !h.several && !h.empty; }

  // valueHintParts words a hint of valueHints that is no list of values
  // (several) in lang: a list of strings and {word, fix}, a filter to type
  // instead of the one written (fix: {facet, value, minus, words}, words
  // the words of the query it replaces), which the search page links to
  // the query corrected.
  function valueHintParts(h, lang) {
    var q = JSON.stringify, ja = lang === "ja", out = [];
    var fix = function (value) {
      return { word: filterWord(h.facet, value, h.minus), fix: { facet: h.facet, value: value, minus: h.minus, words: h.spaced ? h.spaced.words : 1 } };
    };
    out.push(ja ? h.facet + " が" + jaQuote(h.value) + "のポストモーテムはありません" : "no postmortem has " + h.facet + " " + q(h.value));
    if (h.spaced) {
      out.push(ja ? "。空白を含む値は引用符で囲んでください：" : "; quote a value with spaces: ", fix(h.spaced.written));
      if (h.spaced.value !== h.spaced.written) out.push(ja ? "（または " : " (or ", fix(h.spaced.value), ja ? "）" : ")");
      return out;
    }
    if (!h.suggest || !h.suggest.length) return out;
    out.push(ja ? "。" : "; did you mean ");
    // In Japanese a space follows a filter word, none a bracket.
    var labelled = false;
    h.suggest.forEach(function (s, i) {
      if (i > 0) out.push(ja ? (labelled ? "" : " ") + "または " : " or ");
      out.push(fix(s.value));
      labelled = !!s.label;
      if (s.label) out.push(ja ? "（" + s.label + "）" : " (" + q(s.label) + ")");
    });
    out.push(ja ? (labelled ? "" : " ") + "のことですか？" : "?");
    return out;
  }

  // partsText is the text of valueHintParts' parts.
  function partsText(parts) {
    return parts.map(function (p) { return typeof p === "string" ? p : p.word; }).join("");
  }

  // ---- the engine over the exported index (generator/internal/search) ----

  function fnv32a(s) {
    var h = 0x811c9dc5, b = utf8Encode(Array.from(s).map(function (c) { return c.codePointAt(0); }));
    for (var i = 0; i < b.length; i++) {
      h ^= b[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  function idf(n, df) { return Math.log(1 + (n - df + 0.5) / (df + 0.5)); }

  function weight(boost, idfv, tf, len, avg, k1, b) {
    var norm = k1 * (1 - b + (b * len) / avg);
    return (boost * idfv * (tf * (k1 + 1))) / (tf + norm);
  }

  function roundScore(s) { return Math.round(s * 1e6) / 1e6; }

  // Engine answers queries from the files Export writes; load(path) returns
  // a promise of the parsed JSON of search/<path>.
  function Engine(load) {
    this.load = load;
    this.files = {};
    this.bytes = 0;
  }
  // get is the parsed file path, loaded once (again after a failure).
  // Every file but meta.json carries the id of its build (export.go
  // stampFiles): one of another build than the meta.json held, as a
  // static host serves after a deploy whatever ?v= asks (QA 17 D-F1),
  // a file missing (404), or a meta.json of an unknown format (QA 17
  // D-F5) rejects with a stale error, on which the page calls oneBuild.
  Engine.prototype.get = function (path) {
    var self = this, files = this.files;
    if (!files[path]) {
      var f = files[path] = path === "meta.json" ? this.load(path).then(function (m) {
        // An index of a format this script does not know: the page and
        // its script are older than the site (QA 17 D-F5).
        if (m.v !== FORMAT) throw staleError();
        return m;
      }) : this.meta().then(function (m) {
        return self.load(path).then(function (d) {
          var b;
          if (Array.isArray(d)) {
            if (typeof d[d.length - 1] === "string") b = d.pop();
          } else if (d && typeof d[""] === "string") {
            b = d[""];
            delete d[""];
          }
          if (m.build && b !== undefined && b !== m.build) throw staleError();
          return d;
        }, function (e) {
          throw e && e.status === 404 ? staleError() : e;
        });
      });
      f.catch(function () { if (files[path] === f) delete files[path]; }); // retry later
    }
    return files[path];
  };
  // FORMAT is the format of the index this script reads, meta.json's
  // "v" (export.go exportVersion).
  var FORMAT = 2;
  function staleError() {
    var e = new Error("stale");
    e.stale = true;
    return e;
  }
  // reset forgets every file, meta.json too, for the next search to load
  // the build the site now serves.
  Engine.prototype.reset = function () {
    this.files = {};
    this.facetIndex = null;
    if (this.load.reset) this.load.reset();
  };
  // failed is the text of error e of a search, in the page's language:
  // the index did not come in time, could not be fetched (the browser's
  // own "Failed to fetch" said nothing on a Japanese site), or the server
  // answered with an error.
  function failed(msg, e) {
    return e && e.stale ? msg.updated : msg.error + (e && e.timeout ? msg.timeout : e && e.status ? "HTTP " + e.status : msg.network);
  }
  // oneBuild runs search (a function returning a promise) and, when it meets
  // files of another build, once more from a new meta.json; a second
  // mismatch rejects with the stale error (the site is being updated).
  function oneBuild(engine, search) {
    return search().catch(function (e) {
      if (!e || !e.stale) throw e;
      engine.reset();
      return search();
    });
  }
  Engine.prototype.meta = function () { return this.get("meta.json"); };

  Engine.prototype.dictEntry = function (meta, term) {
    var key = shardKey(term);
    if (key === null) return Promise.resolve(null);
    return this.get("t/" + (fnv32a(key) % meta.shards) + ".json").then(function (d) {
      return Object.prototype.hasOwnProperty.call(d, term) ? d[term] : null;
    });
  };

  function dfOf(entry, f) { return entry && f + 1 < entry.length ? entry[f + 1] : 0; }
  function dfSum(entry) {
    var s = 0;
    for (var i = 1; entry && i < entry.length; i++) s += entry[i];
    return s;
  }

  // postings of term in every field: [{doc, tf, len}] lists, with positions
  // when asked.
  Engine.prototype.postings = function (meta, term, entry, withPos) {
    var self = this, nf = meta.fields.length;
    var parts = [this.get("p/" + entry[0] + ".json")];
    if (withPos) parts.push(this.get("q/" + entry[0] + ".json"));
    return Promise.all(parts).then(function (res) {
      var post = res[0][term] || [], pos = withPos ? res[1][term] || [] : [];
      var out = [];
      for (var f = 0; f < nf; f++) {
        var v = decodeInts(post[f] || ""), list = [], doc = 0;
        for (var i = 0; i < v.length; i += 3) {
          doc += v[i];
          list.push({ doc: doc, tf: v[i + 1], len: v[i + 2] });
        }
        if (withPos) {
          var pv = decodeInts(pos[f] || ""), at = 0;
          list.forEach(function (p) {
            var prev = 0;
            p.pos = [];
            for (var k = 0; k < p.tf; k++) {
              prev += pv[at++];
              p.pos.push(prev);
            }
          });
        }
        out.push(list);
      }
      return out;
    });
  };

  Engine.prototype.termScores = function (meta, term, entry) {
    var out = new Map();
    if (!entry) return Promise.resolve(out);
    return this.postings(meta, term, entry, false).then(function (fields) {
      fields.forEach(function (list, f) {
        var df = dfOf(entry, f);
        if (!df) return;
        var w = idf(meta.n, df);
        list.forEach(function (p) {
          var s = weight(meta.boosts[f], w, p.tf, p.len, meta.avg[f], meta.k1, meta.b);
          out.set(p.doc, (out.get(p.doc) || 0) + s);
        });
      });
      return out;
    });
  };

  Engine.prototype.phraseScores = function (meta, c) {
    var self = this;
    return Promise.all(c.terms.map(function (t) { return self.dictEntry(meta, t); })).then(function (entries) {
      var out = new Map();
      if (entries.some(function (e) { return !e; })) return out;
      return Promise.all(c.terms.map(function (t, i) {
        return self.postings(meta, t, entries[i], true);
      })).then(function (lists) {
        for (var f = 0; f < meta.fields.length; f++) {
          if (entries.some(function (e) { return !dfOf(e, f); })) continue;
          var maps = lists.map(function (l) {
            var m = new Map();
            l[f].forEach(function (p) { m.set(p.doc, p); });
            return m;
          });
          lists[0][f].forEach(function (p0) {
            var found = p0.pos.some(function (start) {
              for (var i = 1; i < maps.length; i++) {
                var p = maps[i].get(p0.doc);
                if (!p || p.pos.indexOf(start + c.offsets[i]) < 0) return false;
              }
              return true;
            });
            if (!found) return;
            var s = 0;
            for (var i = 0; i < c.terms.length; i++) {
              var p = maps[i].get(p0.doc);
              s += weight(meta.boosts[f], idf(meta.n, dfOf(entries[i], f)), p.tf, p.len, meta.avg[f], meta.k1, meta.b);
            }
            out.set(p0.doc, (out.get(p0.doc) || 0) + s);
          });
        }
        return out;
      });
    });
  };

  Engine.prototype.expansions = function (meta, c) {
    var self = this, p = c.terms[c.terms.length - 1];
    var key = prefixKey(p);
    return Promise.all([
      this.get("t/" + (fnv32a(key) % meta.shards) + ".json"),
      c.word ? this.dictEntry(meta, c.word) : Promise.resolve(null)
    ]).then(function (res) {
      var dict = res[0], cands = [];
      Object.keys(dict).forEach(function (t) {
        if (t === c.word || t.indexOf(p) !== 0 || (c.marked && !markedExpansion(t))) return;
        var sum = dfSum(dict[t]);
        if (sum > 0) cands.push({ term: t, df: sum, entry: dict[t] });
      });
      cands.sort(function (x, y) { return y.df - x.df || cmpCodePoints(x.term, y.term); });
      var out = [];
      if (c.word && res[1] && dfSum(res[1]) > 0) out.push({ term: c.word, entry: res[1] });
      for (var i = 0; i < cands.length && out.length < MAX_EXPANSIONS; i++) out.push(cands[i]);
      return out;
    });
  };

  Engine.prototype.clauseScores = function (meta, c) {
    var self = this;
    if (c.kind === "term") {
      return this.dictEntry(meta, c.terms[0]).then(function (e) { return self.termScores(meta, c.terms[0], e); });
    }
    if (c.kind === "phrase") return this.phraseScores(meta, c);
    // A prefix is the best of its expansions; a phrase prefix the best of
    // the phrases with each in its last term's place (engine.go withLast).
    return this.expansions(meta, c).then(function (exps) {
      c.expanded = exps.map(function (x) { return x.term; });
      return Promise.all(exps.map(function (x) {
        if (c.kind === "prefix") return self.termScores(meta, x.term, x.entry);
        return self.phraseScores(meta, { kind: "phrase", terms: c.terms.slice(0, -1).concat([x.term]), offsets: c.offsets });
      }));
    }).then(function (all) {
      var out = new Map();
      all.forEach(function (m) {
        m.forEach(function (v, d) {
          if (!out.has(d) || v > out.get(d)) out.set(d, v);
        });
      });
      return out;
    });
  };

  // facetIndex decodes facets.json: per facet, values with labels and doc
  // lists, and per doc the set of its value indexes.
  Engine.prototype.facets = function () {
    var self = this;
    if (!this.facetIndex) {
      this.facetIndex = this.get("facets.json").then(function (raw) {
        var idx = {};
        FACETS.forEach(function (name) {
          var values = (raw[name] || []).map(function (v) {
            var docs = decodeInts(v[2]), d = 0;
            for (var i = 0; i < docs.length; i++) docs[i] = d += docs[i];
            return withKeys(name, { value: v[0], label: v[1], docs: docs });
          });
          var byDoc = new Map();
          values.forEach(function (v, vi) {
            v.docs.forEach(function (d) {
              if (!byDoc.has(d)) byDoc.set(d, []);
              byDoc.get(d).push(vi);
            });
          });
          idx[name] = { values: values, byDoc: byDoc };
        });
        return idx;
      });
      var fi = this.facetIndex, self = this;
      fi.catch(function () { if (self.facetIndex === fi) self.facetIndex = null; }); // retry later
    }
    return this.facetIndex;
  };

  // matchesFilters reports whether doc has, for every facet but except,
  // one of the values wanted (keys: facet → folded values, filterKeys).
  function matchesFilters(fx, doc, keys, except) {
    for (var fi = 0; fi < FACETS.length; fi++) {
      var name = FACETS[fi], want = keys[name];
      if (!want || !want.length || name === except) continue;
      var vals = fx[name].byDoc.get(doc) || [], found = false;
      for (var i = 0; i < vals.length && !found; i++) {
        var v = fx[name].values[vals[i]];
        for (var j = 0; j < want.length; j++) if (valueMatches(v, want[j])) found = true;
      }
      if (!found) return false;
    }
    return true;
  }

  // matchesAnyFilter reports whether doc has a value keys wants: it is
  // then excluded by them (engine.go).
  function matchesAnyFilter(fx, doc, keys) {
    return FACETS.some(function (name) {
      var want = keys[name] || [];
      return (fx[name].byDoc.get(doc) || []).some(function (vi) {
        return want.some(function (k) { return valueMatches(fx[name].values[vi], k); });
      });
    });
  }

  // search runs a query. opts: prefixLast, filters (facet → values),
  // suggest (false: no typo suggestions, for a caller that shows no hints;
  // they fetch dictionary shards and postings). It
  // resolves to {query, total, hits: [{doc, score}] best first, terms (for
  // highlighting), filters, filterKeys (filters folded, filterKeys),
  // matched (the hits before filtering), hints
  // (see queryHints when nothing matched; else an OR, operatorHints, and
  // excluded filter values no postmortem has, valueHints)}. The facet
  // file is only fetched when filters are set. A query that finds nothing
  // is run again with its last word as a prefix (retryPrefix), as pmkb
  // search does; its hints are then {prefix} and valueHints'. The query
  // is read in NFC, as the postmortems are (engine.go runQuery): a
  // decomposed デプロイ, pasted from a macOS file name, finds what デプロイ
  // finds (QA 18 b-F7).
  Engine.prototype.search = function (q, opts) {
    q = String(q).normalize("NFC");
    opts = opts || {};
    var self = this, prefixLast = !!opts.prefixLast;
    return this.rank(q, prefixLast, opts.filters).then(function (r) {
      if (r.total) return r;
      // A query of common words only is not retried ("the" is not
      // "therefore"; engine.go commonOnly).
      var p = prefixLast || commonOnly(r.pq) ? null : retryPrefix(q);
      return (p ? self.rank(q, true, opts.filters) : Promise.resolve(null)).then(function (r2) {
        if (r2 && r2.total) {
          r2.hints = [{ prefix: p }].concat(r2.hints);
          return r2;
        }
        return self.relaxed(q, r);
      });
    }).then(function (r) {
      if ((r.total && !r.relaxed) || opts.suggest === false) return r;
      return self.suggestions(q).then(function (s) {
        var missing = r.relaxed ? r.relaxed.missing : r.missing;
        if (r.total) {
          // Relaxed, only the words left out are typos to point at.
          s = s.filter(function (h) { return missing.indexOf(h.typo) >= 0; });
        } else if (missing) {
          // A word another hint names (a typo, one letter, not a filter)
          // is not named again (query.go missingHints).
          var short = r.pq.short, named = splitQuery(q).filter(function (t) { return failedFilter(t, missing); }).map(function (t) { return t.text; });
          var words = missing.filter(function (w) {
            return !s.some(function (h) { return h.typo === w; }) && short.indexOf(w) < 0 && short.indexOf(w + "*") < 0 && named.indexOf(w) < 0;
          });
          var lone = r.pq.lone || [];
          var alone = words.filter(function (w) { return lone.indexOf(w) >= 0; });
          words = words.filter(function (w) { return lone.indexOf(w) < 0; });
          if (words.length) r.hints = r.hints.concat([{ missing: words, none: !!r.noneLeft }]);
          r.hints = r.hints.concat(alone.map(function (w) { return { lone: w }; }));
        }
        if (!r.total && r.apart) r.hints = r.hints.concat([{ apart: true }]);
        r.hints = r.hints.concat(s);
        return r;
      });
    }).then(function (r) {
      // Each hint once, where it first comes (QA 16 C-F9), as query.go's
      // onceEach compares their words: a log line pasted twice is told
      // about once.
      var seen = new Set();
      r.hints = operatorHints(q).concat(r.hints).filter(function (h) {
        var k = hintText(h, "en");
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
      return r;
    });
  };

  // relaxed mirrors engine.go's relax and runQuery: r, the answer to q
  // that found nothing as written (nor with its last word as a prefix),
  // searched again with every clause that finds no postmortem alone taken
  // as the last word's prefix (when that finds some), else, for an
  // unquoted CJK run, as the AND of its pairs in the index (without those
  // with hiragana unless none is left), else left out (QA 16 C-F1, C-F3).
  // It resolves to the relaxed answer, with relaxed: {missing, split} and
  // its hints {prefix}, {missing, shown}, {split}, when that finds
  // postmortems; else to r, with missing (the words left out) and
  // noneLeft (nothing was left to search). Only the files the query's
  // own terms need are fetched: each clause was scored by r already.
  Engine.prototype.relaxed = function (q, r) {
    var self = this, pq = r.pq, meta = r.meta;
    return Promise.all(pq.clauses.map(function (c, i) {
      if (r.clauseMaps[i].size > 0) return { keep: [c], kept: c };
      var p = i === pq.lastAt ? asPrefix(pq.lastText) : null;
      var withPrefix = p && retryable(p) ? self.clauseScores(meta, p).then(function (m) { return m.size > 0 ? p : null; }) : Promise.resolve(null);
      return withPrefix.then(function (p) {
        if (p) {
          p.from = { text: pq.lastText, quoted: false };
          return { keep: [p], kept: p, prefix: prefixShown(p, pq.lastText) };
        }
        if (c.from.quoted || !isCJKRun(c)) return { missing: true };
        return self.runPairs(meta, c).then(function (rp) {
          if (!rp.pairs.length || rp.mostlyGone) return { missing: true };
          var gone = rp.gone.map(function (g) { return withLongMark(g, c.from.text); });
          return { keep: rp.pairs.map(function (t) { var pc = pairClause(t); pc.from = c.from; return pc; }), kept: c, split: true, gone: gone, words: rp.words };
        });
      });
    })).then(function (how) {
      // unsplit names the split runs when the query is not relaxed after
      // all; nKept and nWords count its words for enoughKept, a split run
      // as its found stretches kept and its gone characters left out
      // (engine.go retried, QA 16r a-F2).
      var missing = [], split = [], prefix = "", clauses = [], kept = [], gone = [], unsplit = [], nKept = 0, nWords = 0;
      var addNew = function (list, w) { if (list.indexOf(w) < 0) list.push(w); };
      how.forEach(function (h, i) {
        var w = pq.clauses[i].from.text;
        (h.gone || []).forEach(function (g) { addNew(gone, g); addNew(unsplit, g); });
        if (h.split && !h.gone.length) addNew(unsplit, w);
        if (h.kept) {
          nKept += h.split ? h.words : 1;
          nWords += h.split ? h.words + h.gone.length : 1;
        } else {
          nWords++;
        }
        if (h.keep) clauses = clauses.concat(h.keep);
        if (h.kept) kept.push(h.kept);
        if (h.prefix) prefix = h.prefix;
        if (h.split && split.indexOf(w) < 0) split.push(w);
        if (h.missing && missing.indexOf(w) < 0) missing.push(w);
      });
      if (!missing.length && !split.length) {
        // Nothing to leave out: every clause finds some postmortem alone
        // (engine.go: retried.Apart, review 16 search-3), each looked up
        // whole: not a prefix, nor one letter (QA 16r a-F5).
        r.apart = pq.clauses.length >= 2 && !narrowed(pq) && !prefix && !pq.short.length;
        return r;
      }
      r.missing = missing;
      if (!clauses.length) {
        r.noneLeft = true;
        return r;
      }
      // Nothing even relaxed, or too little kept to be an answer: a run
      // no postmortem has as written is named with the words no
      // postmortem has (engine.go runQuery).
      var notRelaxed = function () {
        unsplit.forEach(function (w) { addNew(missing, w); });
        return r;
      };
      // A word of one letter is never looked up as typed: it is not a
      // word to leave out, and its hint says to type more (engine.go
      // runQuery, QA 16r a-F3).
      if (missing.some(function (w) { return pq.short.indexOf(w) >= 0 || pq.short.indexOf(w + "*") >= 0; })) return notRelaxed();
      if (!enoughKept(kept, nKept, nWords)) return notRelaxed();
      var rq = Object.assign({}, pq, { clauses: clauses, lastAt: -1, lastText: "" });
      return self.rankParsed(meta, q, rq).then(function (r3) {
        if (!r3.total) return notRelaxed();
        // The characters of a run no postmortem has are named with the
        // words left out (review 16 search-2).
        gone.forEach(function (g) { if (missing.indexOf(g) < 0) missing.push(g); });
        r3.relaxed = { missing: missing, split: split };
        var head = prefix ? [{ prefix: prefix }] : [];
        // A quoted character is named by its own hint (query.go
        // relaxHints, loneHint).
        var notLone = missing.filter(function (w) { return pq.lone.indexOf(w) < 0; });
        if (notLone.length) head.push({ missing: notLone, shown: true });
        missing.forEach(function (w) { if (pq.lone.indexOf(w) >= 0) head.push({ lone: w, shown: true }); });
        split.forEach(function (w) { head.push({ split: w }); });
        // What may have made the query find nothing as written still
        // deserves a word (a phrase in single quotes), as in query.go.
        r3.hints = head.concat(queryHints(q, rq, r3.fx, missing));
        return r3;
      });
    }).then(function (res) {
      // Not relaxed, the hints of rank are worded again now that the
      // words no postmortem has are known: a colon word is only blamed
      // as no filter when it is one of them (query.go failedFilter).
      if (res === r) r.hints = queryHints(q, pq, r.fx, r.missing);
      return res;
    });
  };

  // narrowed mirrors engine.go: pq has a filter value, wanted or not, or
  // an excluded word.
  function narrowed(pq) {
    var has = function (m) { return Object.keys(m).some(function (k) { return m[k].length > 0; }); };
    return has(pq.filters) || has(pq.notFilters) || pq.exclude.length > 0;
  }

  // enoughKept mirrors engine.go: a query of n clauses that kept the
  // clauses kept is searched relaxed only when more than half are kept,
  // and not only words of one character or bare numbers (review 16
  // search-1).
  function enoughKept(kept, k, n) {
    return 2 * k > n && kept.some(function (c) { return !slightClause(c); });
  }

  // slightClause mirrors engine.go: every term of c is one character or
  // a bare number.
  function slightClause(c) {
    return c.terms.every(function (t) { return Array.from(t).length <= 1 || /^[0-9]*$/.test(t); });
  }

  // runPairs mirrors engine.go: {pairs, gone, mostlyGone}, the terms of
  // the CJK run c that some postmortem has, each once, in order, without
  // those with a hiragana character unless they are all that is left; the
  // stretches of the run's characters, hiragana aside, in no pair some
  // postmortem has (猫 of 猫の障害); how many words it keeps (its found
  // stretches, split where kanji meets katakana; QA 16r a-F2); and
  // whether more than half of its pairs without hiragana are in no
  // postmortem (review 16 search-2).
  Engine.prototype.runPairs = function (meta, c) {
    var self = this;
    var all = [], plain = [], chars = [], covered = [], prev = [], starts = [], seen = new Set(), nPlain = 0, nGone = 0;
    var isKata = function (r) { return /[\u30A0-\u30FF]/.test(r); };
    var hira = function (s) { return /[\u3041-\u309F]/.test(s); };
    return Promise.all(c.terms.map(function (t) { return self.pairFound(meta, t); })).then(function (founds) {
      c.terms.forEach(function (t, i) {
        var rs = Array.from(t), start = chars.length;
        if (prev.length === 2 && rs.length > 0 && rs[0] === prev[1]) {
          start--;
        } else if (chars.length > 0) {
          chars.push(""); covered.push(false);
          start++;
        }
        rs.forEach(function (r, j) {
          if (start + j === chars.length) { chars.push(r); covered.push(false); }
        });
        prev = rs;
        starts.push(start);
        var found = founds[i];
        if (found) rs.forEach(function (r, j) { covered[start + j] = true; });
        if (seen.has(t)) return;
        seen.add(t);
        var isPlain = !hira(t);
        if (isPlain) {
          nPlain++;
          if (!found) nGone++;
        }
        if (!found) return;
        all.push(t);
        if (isPlain) plain.push(t);
      });
      // A stretch of katakana is one word (a loanword): when a character
      // of it is in no found pair, or its pairs are found only in other
      // words (katakanaWritten: サーバー's サー and ーバ; QA 18 b-F2), the
      // whole stretch is gone and its found pairs are not searched (QA 16r
      // a-F10), as in engine.go.
      var stretches = [];
      for (var i = 0; i < chars.length;) {
        if (chars[i] === "" || !isKata(chars[i])) { i++; continue; }
        var j = i, whole = true;
        for (; j < chars.length && chars[j] !== "" && isKata(chars[j]); j++) whole = whole && covered[j];
        stretches.push({ i: i, j: j, whole: whole });
        i = j;
      }
      return Promise.all(stretches.map(function (st) {
        return st.whole ? self.katakanaWritten(meta, c, starts, st.i, st.j) : false;
      })).then(function (written) {
        // A stretch not written whole is split into the words it is a
        // compound of (katakanaParts, QA 18r F5), as in engine.go.
        return Promise.all(stretches.map(function (st, n) {
          return written[n] ? null : self.katakanaParts(meta, c, chars, covered, starts, st.i, st.j);
        }));
      }).then(function (parts) {
        stretches.forEach(function (st, n) {
          var kept = parts[n];
          if (!kept) return;
          var dropped = new Set();
          c.terms.forEach(function (t, k) {
            var end = starts[k] + Array.from(t).length;
            if (starts[k] >= st.i && end <= st.j && kept.slice(starts[k], end).some(function (b) { return b !== 1; })) dropped.add(t);
          });
          for (var k = st.i; k < st.j; k++) covered[k] = kept[k] !== 0;
          var out = function (t) { return !dropped.has(t); };
          all = all.filter(out); plain = plain.filter(out);
        });
      });
    }).then(function () {
      var gone = [], stretch = "";
      chars.forEach(function (r, i) {
        if (r !== "" && !covered[i] && !hira(r)) stretch += r;
        if (stretch && (i === chars.length - 1 || r === "" || covered[i + 1] || chars[i + 1] === "" || hira(chars[i + 1]))) {
          if (gone.indexOf(stretch) < 0) gone.push(stretch);
          stretch = "";
        }
      });
      var words = 0, kata = function (r) { return /[\u30A0-\u30FF]/.test(r); };
      chars.forEach(function (r, i) {
        if (r === "" || !covered[i] || hira(r)) return;
        if (i === 0 || chars[i - 1] === "" || !covered[i - 1] || hira(chars[i - 1]) || kata(chars[i - 1]) !== kata(r)) words++;
      });
      return { pairs: plain.length ? plain : all, gone: gone, words: Math.max(words, 1), mostlyGone: 2 * nGone > nPlain };
    });
  };

  // pairFound mirrors engine.go: whether some postmortem has t, a term of
  // a CJK run: a pair, or one character (the 率 of エラ-率) where some term
  // starts with it (QA 18r F6). The character's terms are in its own
  // dictionary shard, which the term's lookup fetched.
  Engine.prototype.pairFound = function (meta, t) {
    var self = this;
    return this.dictEntry(meta, t).then(function (e) {
      if (dfSum(e) !== 0) return true;
      if (!isLoneCJK(t)) return false;
      return self.expansions(meta, pairClause(t)).then(function (x) { return x.length > 0; });
    });
  };

  // pairClause and isLoneCJK mirror engine.go: the clause a found term of
  // a CJK run is searched with, the term or, for one character, the words
  // that start with it.
  function pairClause(t) {
    return isLoneCJK(t) ? { kind: "prefix", terms: [t], word: t } : { kind: "term", terms: [t] };
  }
  function isLoneCJK(t) { return isCJKTerm(t) && runeCount(t) === 1; }

  // katakanaWritten mirrors engine.go: whether some postmortem has the
  // katakana stretch chars[i:j] of the run c as written, the phrase of the
  // run's terms inside it (starts: each term's first character); a
  // stretch of one pair or none is written where that pair is.
  Engine.prototype.katakanaWritten = function (meta, c, starts, i, j) {
    var sub = { kind: "phrase", terms: [], offsets: [] };
    c.terms.forEach(function (t, k) {
      if (starts[k] >= i && starts[k] + Array.from(t).length <= j) {
        sub.terms.push(t);
        sub.offsets.push(c.offsets[k]);
      }
    });
    if (sub.terms.length < 2) return Promise.resolve(true);
    var first = sub.offsets[0];
    sub.offsets = sub.offsets.map(function (o) { return o - first; });
    return this.phraseScores(meta, sub).then(function (m) { return m.size > 0; });
  };

  // katakanaParts mirrors engine.go: the katakana stretch chars[i:j], not
  // written whole, split greedily from the left into the longest parts of
  // two letters or more some postmortem writes as words of their own
  // (katakanaWord). kept[k]: 1 in a part, 2 a long mark ending one, 0 left
  // out.
  Engine.prototype.katakanaParts = function (meta, c, chars, covered, starts, i, j) {
    var self = this, kept = chars.map(function () { return 0; });
    var from = function (p) {
      if (p >= j) return Promise.resolve(kept);
      if (chars[p] === "ー") {
        if (p > i && kept[p - 1] !== 0) kept[p] = 2;
        return from(p + 1);
      }
      var longest = function (q) {
        if (q < p + 2) return Promise.resolve(q);
        if (covered.slice(p, q).indexOf(false) >= 0) return longest(q - 1);
        return self.katakanaWord(meta, c, chars, starts, p, q).then(function (ok) {
          return ok ? q : longest(q - 1);
        });
      };
      return longest(j).then(function (q) {
        if (q < p + 2) return from(p + 1);
        for (var k = p; k < q; k++) kept[k] = 1;
        return from(q);
      });
    };
    return from(i);
  };

  // katakanaWord mirrors engine.go: whether some postmortem writes
  // chars[p:q], a part of the run c, as a word of its own, with no
  // katakana pair just before or just after it.
  Engine.prototype.katakanaWord = function (meta, c, chars, starts, p, q) {
    var self = this, terms = [], offs = [];
    c.terms.forEach(function (t, k) {
      if (starts[k] >= p && starts[k] + Array.from(t).length <= q) {
        terms.push(t);
        offs.push(c.offsets[k]);
      }
    });
    if (!terms.length) return Promise.resolve(false);
    var first = offs[0];
    offs = offs.map(function (o) { return o - first; });
    var last = offs[offs.length - 1], lastChar = chars[q - 1];
    var around = [];
    for (var r = 0x30A1; r <= 0x30FF; r++) {
      if (r !== 0x30FB) around.push(String.fromCodePoint(r) + chars[p]);
    }
    var isKata = function (r) { return /[\u30A0-\u30FF]/.test(r) && r !== "\u30FB"; };
    return Promise.all([
      this.get("t/" + (fnv32a(shardKey(lastChar)) % meta.shards) + ".json"),
      Promise.all(terms.map(function (t) { return self.dictEntry(meta, t); }))
    ]).then(function (res) {
      Object.keys(res[0]).forEach(function (t) {
        var rs = Array.from(t);
        if (rs.length === 2 && rs[0] === lastChar && isKata(rs[1])) around.push(t);
      });
      var entries = res[1];
      if (entries.some(function (e) { return !e; })) return false;
      return Promise.all([
        Promise.all(terms.map(function (t, k) { return self.postings(meta, t, entries[k], true); })),
        Promise.all(around.map(function (t) {
          return self.dictEntry(meta, t).then(function (e) {
            return e && dfSum(e) ? self.postings(meta, t, e, true).then(function (l) { return { e: e, l: l }; }) : null;
          });
        }))
      ]).then(function (got) {
        var lists = got[0], arounds = got[1];
        for (var f = 0; f < meta.fields.length; f++) {
          var maps = lists.map(function (l) {
            var m = new Map();
            l[f].forEach(function (x) { m.set(x.doc, x); });
            return m;
          });
          var inWord = new Set();
          arounds.forEach(function (a) {
            if (!a || !dfOf(a.e, f)) return;
            a.l[f].forEach(function (x) {
              if (maps[0].has(x.doc)) x.pos.forEach(function (at) { inWord.add(x.doc + ":" + at); });
            });
          });
          var found = lists[0][f].some(function (p0) {
            return p0.pos.some(function (s) {
              for (var k = 1; k < terms.length; k++) {
                var x = maps[k].get(p0.doc);
                if (!x || x.pos.indexOf(s + offs[k]) < 0) return false;
              }
              return !inWord.has(p0.doc + ":" + (s - 1)) && !inWord.has(p0.doc + ":" + (s + last + 1));
            });
          });
          if (found) return true;
        }
        return false;
      });
    });
  };

  // withLongMark mirrors engine.go: the stretch g as the run text writes
  // it, with the long mark ー the index leaves out of a katakana word's end.
  function withLongMark(g, text) {
    return text.indexOf(g + "ー") >= 0 ? g + "ー" : g;
  }

  // isCJKRun mirrors engine.go: c is a phrase of CJK terms, an unspaced
  // run of Japanese indexed in character pairs.
  function isCJKRun(c) {
    return c.kind === "phrase" && c.terms.every(isCJKTerm);
  }

  // ---- typo suggestions (suggest.go) ----

  // editDistance: insertions, deletions, substitutions and swaps of two
  // neighbours, in code points; max+1 when larger than max.
  function editDistance(a, b, max) {
    var x = Array.from(a), y = Array.from(b);
    if (Math.abs(x.length - y.length) > max) return max + 1;
    var prev2 = [], prev = [], cur = [], j;
    for (j = 0; j <= y.length; j++) { prev.push(j); prev2.push(0); cur.push(0); }
    for (var i = 1; i <= x.length; i++) {
      cur[0] = i;
      var low = i;
      for (j = 1; j <= y.length; j++) {
        var cost = x[i - 1] === y[j - 1] ? 0 : 1;
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) cur[j] = Math.min(cur[j], prev2[j - 2] + 1);
        low = Math.min(low, cur[j]);
      }
      if (low > max) return max + 1;
      var t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    return prev[y.length] > max ? max + 1 : prev[y.length];
  }
  function maxEdits(w) { return runeCount(w) <= 5 ? 1 : 2; }
  var SURFACE_DOCS = 3;

  // suggestions resolves to a {typo, suggest} hint for each word of q that
  // is in no postmortem and is near a word of the index: its term within
  // maxEdits of a term of its own dictionary shard (already loaded), and
  // that term as a postmortem writes it (surfaceWord) as near the word typed.
  Engine.prototype.suggestions = function (q) {
    var self = this, parts = [];
    splitQuery(q).forEach(function (t) {
      if (t.quoted || t.minus || t.text.indexOf(":") >= 0 || /\*$/.test(t.text)) return;
      splitScripts(t.text).forEach(function (part) {
        var c = wordClause(part);
        if (c && c.kind === "term" && !isCJKTerm(c.terms[0]) && runeCount(c.terms[0]) >= 3) parts.push({ part: part, term: c.terms[0] });
      });
    });
    if (!parts.length) return Promise.resolve([]);
    return this.meta().then(function (meta) {
      return Promise.all(parts.map(function (w) { return self.suggest(meta, w.part, w.term); }));
    }).then(function (all) {
      return all.filter(function (h) { return h; });
    });
  };

  Engine.prototype.suggest = function (meta, part, term) {
    var self = this, key = shardKey(term);
    return this.get("t/" + (fnv32a(key) % meta.shards) + ".json").then(function (dict) {
      if (Object.prototype.hasOwnProperty.call(dict, term) && dfSum(dict[term]) > 0) return null;
      var max = maxEdits(term), cands = [];
      Object.keys(dict).forEach(function (t) {
        if (t.indexOf(key) !== 0) return;
        var d = editDistance(term, t, max), df = dfSum(dict[t]);
        if (d > max || d === 0 || df === 0) return;
        cands.push({ term: t, dist: d, df: df, entry: dict[t] });
      });
      cands.sort(function (x, y) { return x.dist - y.dist || y.df - x.df || cmpCodePoints(x.term, y.term); });
      cands = cands.slice(0, 5);
      var typed = part.toLowerCase();
      var next = function (i) {
        if (i >= cands.length) return null;
        return self.surfaceWord(meta, cands[i], typed).then(function (w) {
          return w ? { typo: part, suggest: w } : next(i + 1);
        });
      };
      return next(0);
    });
  };

  // surfaceWord mirrors suggest.go: the word term is made from, as the
  // titles and snippets of the first documents holding it write it, nearest
  // to typed, then most frequent; else the term itself when that near.
  Engine.prototype.surfaceWord = function (meta, cand, typed) {
    var self = this;
    return this.postings(meta, cand.term, cand.entry, false).then(function (fields) {
      var list = null;
      for (var f = 0; f < fields.length && !list; f++) if (fields[f].length) list = fields[f];
      var nums = (list || []).slice(0, SURFACE_DOCS).map(function (p) { return p.doc; });
      return self.docs(nums);
    }).then(function (docs) {
      var counts = new Map();
      docs.forEach(function (d) {
        [d.title, d.snippet].forEach(function (text) {
          analyze(text).forEach(function (t) {
            if (t.term !== cand.term) return;
            var w = text.slice(t.from, t.to).toLowerCase();
            counts.set(w, (counts.get(w) || 0) + 1);
          });
        });
      });
      var limit = maxEdits(typed), best = "", bestDist = limit + 1, n = 0;
      counts.forEach(function (c, w) {
        var d = editDistance(typed, w, limit);
        if (d > limit) return;
        if (d < bestDist || (d === bestDist && (c > n || (c === n && cmpCodePoints(w, best) < 0)))) {
          best = w;
          bestDist = d;
          n = c;
        }
      });
      if (!best && editDistance(typed, cand.term, limit) <= limit) best = cand.term;
      return best;
    });
  };

  // rank runs one parse of a query (see search).
  Engine.prototype.rank = function (q, prefixLast, filters) {
    var self = this;
    return this.meta().then(function (meta) {
      return self.rankParsed(meta, q, parseQuery(q, prefixLast, filters));
    });
  };

  // rankParsed runs pq, the query q parsed (or relaxed). Besides what
  // search resolves to, its answer has meta, pq and clauseMaps, each
  // clause's scores (for relaxed).
  Engine.prototype.rankParsed = function (meta, q, pq) {
    var self = this;
    var needFacets = Object.keys(pq.filters).length > 0 || Object.keys(pq.notFilters).length > 0 || pq.emptyFilter;
    return Promise.all([
      Promise.all(pq.clauses.map(function (c) { return self.clauseScores(meta, c); })),
      needFacets ? self.facets() : null,
      Promise.all(pq.exclude.map(function (cs) {
        return Promise.all(cs.map(function (c) { return self.clauseScores(meta, c); }));
      }))
    ]).then(function (res) {
      var scores = res[0], fx = res[1], matched = [], excluded = new Set();
      // A document that satisfies every clause of an exclusion is no hit.
      res[2].forEach(function (maps) {
        maps[0].forEach(function (s, doc) {
          for (var i = 1; i < maps.length; i++) if (!maps[i].has(doc)) return;
          excluded.add(doc);
        });
      });
      if (pq.clauses.length === 0) {
        if (Object.keys(pq.filters).length > 0 || Object.keys(pq.notFilters).length > 0 || pq.exclude.length > 0) {
          for (var d = 0; d < meta.n; d++) if (!excluded.has(d)) matched.push({ doc: d, score: 0 });
        }
      } else {
        scores[0].forEach(function (s, doc) {
          if (excluded.has(doc)) return;
          var total = s;
          for (var i = 1; i < scores.length; i++) {
            var v = scores[i].get(doc);
            if (v === undefined) return;
            total += v;
          }
          matched.push({ doc: doc, score: roundScore(total) });
        });
      }
      var notKeys = filterKeys(pq.notFilters);
      if (Object.keys(notKeys).length) matched = matched.filter(function (h) { return !matchesAnyFilter(fx, h.doc, notKeys); });
      var keys = filterKeys(pq.filters);
      var hits = matched.filter(function (h) { return !fx || matchesFilters(fx, h.doc, keys, null); });
      hits.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
      var terms = [], clauses = pq.clauses.map(function (c) {
        // A phrase prefix is highlighted as a phrase whose last term is
        // any of its expansions (snippet.go snippetClauses).
        if (c.kind === "phraseprefix") {
          terms = terms.concat(c.terms.slice(0, -1), c.expanded || []);
          return { kind: "phrase", terms: c.terms, offsets: c.offsets, lasts: c.expanded || [], marked: !!c.marked };
        }
        terms = terms.concat(c.expanded || c.terms);
        return { kind: c.kind, terms: c.expanded || c.terms, offsets: c.offsets, marked: !!c.marked };
      });
      return {
        query: q, total: hits.length, hits: hits, terms: terms, clauses: clauses, filters: pq.filters, filterKeys: keys, matched: matched,
        hints: hits.length ? valueHints(q, pq, fx, false) : queryHints(q, pq, fx), meta: meta, pq: pq, clauseMaps: scores, fx: fx
      };
    });
  };

  // facetCounts resolves to, per facet, [{value, label, key, labelKey,
  // count}] (key and labelKey: see withKeys) over a
  // search result: a value's count is the number of hits it would have
  // with the other facets' filters applied (filters on one facet are
  // alternatives).
  Engine.prototype.facetCounts = function (r) {
    return this.facets().then(function (fx) {
      var counts = {}, keys = r.filterKeys;
      FACETS.forEach(function (name) {
        var n = fx[name].values.map(function () { return 0; });
        r.matched.forEach(function (h) {
          if (!matchesFilters(fx, h.doc, keys, name)) return;
          (fx[name].byDoc.get(h.doc) || []).forEach(function (vi) { n[vi]++; });
        });
        counts[name] = fx[name].values.map(function (v, i) {
          return { value: v.value, label: v.label, key: v.key, labelKey: v.labelKey, count: n[i] };
        });
      });
      return counts;
    });
  };

  // docs resolves to the stored fields of documents: {id, title, url,
  // severity, date, systems (their names, as the facets label them),
  // snippet, lang ("" for the site's language)}.
  Engine.prototype.docs = function (nums) {
    var self = this;
    return this.meta().then(function (meta) {
      return Promise.all(nums.map(function (n) {
        return self.get("d/" + Math.floor(n / meta.bucket) + ".json").then(function (b) {
          var r = b[n % meta.bucket];
          return {
            doc: n, id: r[0], title: r[1], url: r[2], severity: r[3], date: r[4], systems: r[5],
            snippet: r[6], lang: r[7] || ""
          };
        });
      }));
    });
  };

  // SNIPPET_WIDTH is a result's snippet length in columns (a wide
  // character two, columnsOf), as snippet.go's snippetWidth; WORD_SNAP how
  // far, in code points, its ends move to fall between words (wordSnap).
  var SNIPPET_WIDTH = 200, WORD_SNAP = 16;

  // codePointAt maps each UTF-16 offset of text to its code point offset.
  function codePointAt(text) {
    var cpAt = [], n = 0;
    for (var i = 0; i < text.length; i++, n++) {
      cpAt[i] = n;
      var c = text.charCodeAt(i);
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) cpAt[++i] = n;
    }
    cpAt[text.length] = n;
    return cpAt;
  }

  // matchesIn mirrors snippet.go's matches: where the clauses of a query
  // ({kind, terms, offsets}, a prefix's terms its expansions) occur in a
  // text (toks are its terms, cpAt its codePointAt), token by token and
  // clause by clause, as [{clause, start, end}] in code points: a word or
  // a prefix wherever one of its terms is, a phrase where its terms are at
  // their offsets (its last any of lasts, a phrase prefix's expansions,
  // when it has them). A match of a marked prefix's expansion ends with
  // the word (markedTo). text is the text of toks.
  function matchesIn(text, toks, cpAt, clauses) {
    var byPos = new Map(), out = [];
    toks.forEach(function (t, i) { if (!byPos.has(t.pos)) byPos.set(t.pos, i); });
    toks.forEach(function (t) {
      clauses.forEach(function (c, ci) {
        if (c.kind !== "phrase") {
          if (c.terms.indexOf(t.term) >= 0) out.push({ clause: ci, start: cpAt[t.from], end: cpAt[markedTo(text, t, c.marked)] });
          return;
        }
        if (!c.terms.length || c.terms[0] !== t.term) return;
        var to = t.to;
        for (var k = 1; k < c.terms.length; k++) {
          var j = byPos.get(t.pos + c.offsets[k]);
          if (j === undefined) return;
          var viaLasts = k === c.terms.length - 1 && c.lasts;
          if (viaLasts ? c.lasts.indexOf(toks[j].term) < 0 : toks[j].term !== c.terms[k]) return;
          to = Math.max(to, viaLasts ? markedTo(text, toks[j], c.marked) : toks[j].to);
        }
        out.push({ clause: ci, start: cpAt[t.from], end: cpAt[to] });
      });
    });
    return out;
  }

  // markedTo mirrors snippet.go's markedEnd: where a match of the term t
  // of text ends, in UTF-16 units: t's end, or, for an expansion of a
  // marked prefix (キー) that pairs the letter with the character after it
  // (キに of キーに), the end of the letter, its half-width voiced mark and
  // the long marks after it (QA 18r F9).
  function markedTo(text, t, marked) {
    var rs = Array.from(t.term);
    if (!marked || rs.length < 2 || rs.slice(1).join("") === "\u30FC") return t.to;
    var i = t.from + (text.codePointAt(t.from) > 0xffff ? 2 : 1), c = text.charCodeAt(i);
    if (i < t.to && (c === 0xFF9E || c === 0xFF9F)) i++;
    for (; i < t.to; i++) {
      c = text.charCodeAt(i);
      if (c !== 0x30FC && c !== 0xFF70) break;
    }
    return i;
  }

  // bestMatch mirrors snippet.go: the match followed, within two thirds of
  // width columns (colAt: the column of each code point), by the most
  // distinct clauses, the first of equals; -1 if none.
  function bestMatch(ms, width, colAt) {
    var best = -1, bestN = 0;
    for (var i = 0; i < ms.length; i++) {
      var seen = {}, n = 0;
      for (var j = i; j < ms.length && colAt[ms[j].start] < colAt[ms[i].start] + width - Math.floor(width / 3); j++) {
        if (!seen[ms[j].clause]) {
          seen[ms[j].clause] = true;
          n++;
        }
      }
      if (n > bestN) {
        best = i;
        bestN = n;
      }
    }
    return best;
  }

  // firstComplete is bestMatch when only the matches that start before the
  // code point offset known are known: the first match followed within
  // two thirds of width by every clause (no later one can have more), -1
  // when there are no clauses (a query of filters alone), or -2 when that
  // is not settled yet.
  function firstComplete(ms, width, known, nClauses, colAt) {
    if (!nClauses) return -1;
    var span = width - Math.floor(width / 3);
    for (var i = 0; i < ms.length && colAt[ms[i].start] + span <= colAt[known]; i++) {
      var seen = {}, n = 0;
      for (var j = i; j < ms.length && colAt[ms[j].start] < colAt[ms[i].start] + span; j++) {
        if (!seen[ms[j].clause]) {
          seen[ms[j].clause] = true;
          n++;
        }
      }
      if (n >= nClauses) return i;
    }
    return -2;
  }

  // matchedUpTo is the UTF-16 offset before which matchesIn(an.toks) finds
  // every match there is in the whole text: an.exact, or the start of the
  // first term whose phrase would reach past the terms analysed.
  function matchedUpTo(an, clauses) {
    if (an.exact === Infinity) return Infinity;
    var reach = 0, toks = an.toks, last = toks.length ? toks[toks.length - 1].pos : 0;
    clauses.forEach(function (c) { if (c.kind === "phrase") reach = Math.max(reach, c.offsets[c.offsets.length - 1]); });
    for (var i = 0; i < toks.length; i++) if (toks[i].pos + reach > last) return Math.min(an.exact, toks[i].from);
    return an.exact;
  }

  // atColumn is snippet.go's: the first code point whose column (colAt)
  // is at least c, or colAt.length when none is.
  function atColumn(colAt, c) {
    var lo = 0, hi = colAt.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (colAt[mid] < c) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // highlight splits text into [{text, mark}] runs, marking where the
  // clauses of a query occur (a phrase as one run; a prefix where one of
  // its expansions is). With a width, it keeps the snippet
  // snippet.go cuts: about width columns (columnsOf) from a third of the width
  // before the best passage (bestMatch), its ends moved between words
  // when a space is near, with "…" where the text goes on.
  //
  // A snippet's text is analysed only as far as it must be: up to a limit
  // that doubles until the best passage is settled (firstComplete) and
  // the terms of the window are known; with whole, or when no passage
  // holds every clause, the whole text, as before.
  function highlight(text, clauses, width, whole) {
    var cpAt = codePointAt(text), n = cpAt[text.length], at16 = new Int32Array(n + 1), i;
    for (i = text.length; i > 0; i--) at16[cpAt[i - 1]] = i - 1;
    at16[n] = text.length;
    // cp(k) is the text's code point k as a string, cps(a, b) code points a to b.
    var cp = function (k) { return text.slice(at16[k], at16[k + 1]); };
    var cps = function (a, b) { return text.slice(at16[a], at16[b]); };
    // colAt[k] is the column code point k starts at (columnsOf).
    var colAt = new Int32Array(n + 1);
    if (width) for (i = 0; i < n; i++) colAt[i + 1] = colAt[i] + columnsOf(text.codePointAt(at16[i]));
    var cut = width && colAt[n] > width, limit = cut && !whole ? width + WORD_SNAP : Infinity;
    var ms, best, start = 0, end = n, from = 0, to = n;
    for (;;) {
      var an = analyzeUpTo(text, true, limit), known = matchedUpTo(an, clauses);
      known = known === Infinity ? Infinity : cpAt[known];
      ms = matchesIn(text, an.toks, cpAt, clauses);
      if (!cut) break; // analysed whole
      best = known === Infinity ? bestMatch(ms, width, colAt) : firstComplete(ms, width, known, clauses.length, colAt);
      if (best === -2) {
        limit *= 2;
        continue;
      }
      var anchor = best >= 0 ? ms[best].start : 0;
      start = 0;
      if (best >= 0) start = atColumn(colAt, Math.max(0, Math.min(colAt[anchor] - Math.floor(width / 3), colAt[n] - width)));
      // the last code point boundary at most width columns after start
      end = atColumn(colAt, colAt[start] + width + 1) - 1;
      from = start;
      to = end;
      var k;
      if (from > 0 && cp(from - 1) !== " ") {
        for (k = from; k < Math.min(from + WORD_SNAP, anchor); k++) {
          if (cp(k) === " ") {
            from = k + 1;
            break;
          }
        }
      }
      if (to < n && cp(to) !== " ") {
        for (k = to - 1; k > Math.max(to - WORD_SNAP, from); k--) {
          if (cp(k) === " ") {
            to = k;
            break;
          }
        }
      }
      while (from < to && cp(from) === " ") from++;
      while (to > from && cp(to - 1) === " ") to--;
      if (to <= known) break;
      limit *= 2;
    }
    // Every match that starts before to is known. Only what matched is
    // marked, as snippet.go's matches bolds it in a terminal: a word that
    // only starts like a query word (runbook for run) is not (QA 18 b-F3).
    var marks = ms.map(function (m) { return [m.start, m.end]; });
    marks.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var runs = [], at = from;
    marks.forEach(function (m) {
      var a = Math.max(m[0], at), b = Math.min(m[1], to);
      if (b <= a) return;
      if (a > at) runs.push({ text: cps(at, a), mark: false });
      runs.push({ text: cps(a, b), mark: true });
      at = b;
    });
    if (at < to) runs.push({ text: cps(at, to), mark: false });
    if (start > 0) runs.unshift({ text: "…", mark: false });
    if (end < n && cp(to - 1) !== "…") runs.push({ text: "…", mark: false });
    return runs;
  }

  // ---- the page: live search on search/index.html, quick results in the
  // header form elsewhere. Only DOM nodes and textContent, never HTML. ----

  var MESSAGES = {
    en: {
      lang: "en",
      searching: "Searching…", none: "No postmortems match.", error: "Search failed: ",
      updated: "The site was updated: reload the page.", retry: "Retry", outdated: " (offline: may be out of date)",
      timeout: "the server did not answer.", network: "no connection to the server.",
      one: "1 postmortem", many: " postmortems", more: "Show more", clear: "Clear filters",
      facets: { severity: "Severity", system: "System", cause: "Cause", team: "Team", year: "Year", tag: "Tag" },
      all: "All results", hint: "Hint: ", keepTyping: "Keep typing…", filters: "Filters",
      showing: function (n, total) { return "Showing " + n + " of " + total; },
      offline: "Search needs the site to be served over HTTP: run pmkb serve, or put the built folder on any web server. " +
        "A page opened from disk (file://) cannot load the search index."
    },
    ja: {
      lang: "ja",
      searching: "検索中…", none: "一致するポストモーテムはありません。", error: "検索に失敗しました：",
      updated: "サイトが更新されました。再読み込みしてください。", retry: "再試行", outdated: "（オフライン：古い可能性あり）",
      timeout: "サーバーが応答しません。", network: "サーバーに接続できません。",
      one: "1 件", many: " 件", more: "さらに表示", clear: "絞り込みを解除",
      facets: { severity: "重大度", system: "システム", cause: "原因", team: "チーム", year: "年", tag: "タグ" },
      all: "すべての結果", hint: "ヒント：", keepTyping: "入力を続けてください…", filters: "絞り込み",
      showing: function (n, total) { return total + " 件中 " + n + " 件を表示"; },
      offline: "検索するには、サイトを HTTP で配信する必要があります。pmkb serve を実行するか、ビルドしたフォルダーを任意の Web サーバーに置いてください。" +
        "ディスクから開いたページ（file://）は検索インデックスを読み込めません。"
    }
  };
  // PAGE is how many results the search page lists at first and adds
  // with each Show more: ten, as the usual search engines list them, so
  // a first query asks for ten result documents, not twenty (fewer
  // requests, and half the drawing, before the results show).
  var PAGE = 10;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function appendMarked(parent, text, clauses, width) {
    highlight(text, clauses, width).forEach(function (r) {
      parent.appendChild(r.mark ? el("mark", null, r.text) : document.createTextNode(r.text));
    });
  }

  // afterPaint runs fn once the next frame has been drawn, or after a
  // quarter of a second (a hidden tab draws none).
  function afterPaint(fn) {
    var done = false, run = function () {
      if (!done) {
        done = true;
        fn();
      }
    };
    if (window.requestAnimationFrame) window.requestAnimationFrame(function () { setTimeout(run, 0); });
    setTimeout(run, 250);
  }

  function startPage() {
    var meta = document.querySelector('meta[name="pmkb-root"]');
    var root = meta ? meta.getAttribute("content") || "" : "";
    var lang = (document.documentElement.getAttribute("lang") || "en").slice(0, 2);
    var msg = MESSAGES[lang] || MESSAGES.en;
    if (location.protocol === "file:") {
      offline(msg);
      return;
    }
    var engine = new Engine(dataLoader(new URL(root + "search/", document.baseURI), fetch.bind(window)));
    var href = function (url) { return root + url + "index.html"; };
    var form = document.getElementById("search-form");
    var results = document.getElementById("search-results");
    if (form && results) {
      searchPage(engine, form, results, msg, href);
    } else {
      quickSearch(engine, msg, href);
    }
  }

  // dataLoader is the page's load for Engine: the parsed JSON of the search
  // file p under base, fetched with get (fetch). meta.json is revalidated
  // with the server (cache "no-cache") and every other file asked for with
  // ?v=<meta.json's build id>, so a browser never combines a cached file
  // of one build with files of the next (QA 13 F1: documents are
  // renumbered when a postmortem is added, and a shard cached from the
  // build before mapped hits to the wrong postmortems). Static hosts ignore
  // the query; a new build's files have URLs no cache has seen. The page
  // reads meta.json once, so it stays with one build.
  var TIMEOUT = 15000;
  function dataLoader(base, get) {
    var meta = null;
    // json fetches p, given up after TIMEOUT ms (QA 17 D-F3: a stalled
    // request left the page on "Searching…" for good, and a new search
    // waited on it): the search fails with a way to retry, and the next
    // one asks again.
    function json(p, init) {
      var ctl = window.AbortController && new AbortController(), timer, timedOut = false;
      init = init || {};
      if (ctl) {
        init.signal = ctl.signal;
        timer = setTimeout(function () {
          timedOut = true;
          ctl.abort();
        }, window.pmkbSearchTimeout || TIMEOUT); // tests set a shorter one
      }
      return get(new URL(p, base).href, init).then(function (r) {
        if (!r.ok) {
          var e = new Error(r.status + " " + p);
          e.status = r.status;
          throw e;
        }
        return r.json();
      }).then(function (d) {
        clearTimeout(timer);
        return d;
      }, function (e) {
        clearTimeout(timer);
        if (timedOut) e.timeout = true;
        throw e;
      });
    }
    // meta.json that cannot be fetched (offline) is taken from the
    // browser's cache, and the files with it (QA 17 D-F8); the page says
    // the results may be out of date.
    function loadMeta() {
      if (!meta) {
        var m = meta = json("meta.json", { cache: "no-cache" }).catch(function (e) {
          if (e.status || e.timeout) throw e;
          return json("meta.json", { cache: "force-cache" }).then(function (c) {
            c.cached = true;
            return c;
          }, function () { throw e; });
        });
        m.catch(function () { if (meta === m) meta = null; }); // retry later
      }
      return meta;
    }
    var load = function (p) {
      if (p === "meta.json") return loadMeta();
      return loadMeta().then(function (m) { return json(m.build ? p + "?v=" + encodeURIComponent(m.build) : p, m.cached && { cache: "force-cache" }); });
    };
    // reset makes the next file load meta.json again (Engine.reset).
    load.reset = function () { meta = null; };
    return load;
  }

  // offline is search on a site opened from disk: browsers do not fetch
  // the index from file:// pages, so the header box is hidden and the search
  // page says what to do instead of failing on every query.
  function offline(msg) {
    var header = document.querySelector("form.site-search");
    if (header) header.hidden = true;
    var form = document.getElementById("search-form");
    var status = document.getElementById("search-status");
    if (!form || !status) return;
    Array.prototype.forEach.call(form.elements, function (e) { e.disabled = true; });
    status.textContent = msg.offline;
  }

  // readState reads the search of the page's URL: q, with its line breaks
  // as spaces (noBreaks), and the filters.
  function readState() {
    var p = new URLSearchParams(location.search), filters = {};
    FACETS.forEach(function (f) {
      var vs = p.getAll(f).filter(function (v) { return v !== ""; });
      if (vs.length) filters[f] = vs;
    });
    return { q: noBreaks(p.get("q") || ""), filters: filters };
  }

  // noBreaks turns each line break of q (CR LF, CR or LF) into a space. A
  // search box drops them from its value, gluing the words of a URL's
  // two-line q (SERVFAIL%0ANXDOMAIN showed SERVFAILNXDOMAIN, which Enter
  // then searched; QA 16 C-F10); the engine reads them as spaces anyway.
  function noBreaks(q) { return q.replace(/\r\n|[\r\n]/g, " "); }

  // hadBreaks reports whether the URL's q has a line break, so that the
  // page writes it again with spaces, as its box shows it.
  function hadBreaks() {
    var q = new URLSearchParams(location.search).get("q") || "";
    return q !== noBreaks(q);
  }

  function stateURL(st) {
    var p = new URLSearchParams();
    if (st.q) p.set("q", st.q);
    FACETS.forEach(function (f) { (st.filters[f] || []).forEach(function (v) { p.append(f, v); }); });
    var qs = p.toString();
    return location.pathname + (qs ? "?" + qs : "");
  }

  // correctedState is the search state st with the filter of hint h (its
  // facet, value and minus) replaced by fix (valueHintParts): in the query,
  // the filter's word and the words fix.words spans after it; else in the
  // wanted filters of the URL. null when neither holds the filter.
  function correctedState(st, h, fix) {
    var toks = splitQuery(st.q);
    for (var i = 0; i < toks.length; i++) {
      var f = isFilter({ text: toks[i].text, quoted: toks[i].quoted });
      if (f && f.name === h.facet && f.value === h.value && toks[i].minus === h.minus) {
        var words = toks.map(queryWord);
        words.splice(i, fix.words, filterWord(fix.facet, fix.value, fix.minus));
        return { q: words.join(" "), filters: st.filters };
      }
    }
    var vs = st.filters[h.facet] || [], n = vs.indexOf(h.value);
    if (h.minus || n < 0 || fix.words !== 1) return null;
    var filters = {};
    Object.keys(st.filters).forEach(function (k) { filters[k] = st.filters[k].slice(); });
    filters[h.facet][n] = fix.value;
    return { q: st.q, filters: filters };
  }

  // queryWord is a token of splitQuery written back as a query word.
  function queryWord(t) {
    var text = t.text, colon = text.search(/[:：]/);
    if (t.quoted) text = '"' + text + '"';
    else if (colon > 0 && Array.from(text).some(function (c) { return isQuerySpace(c.codePointAt(0)); })) {
      text = text.slice(0, colon + 1) + '"' + text.slice(colon + 1) + '"'; // system:"Checkout API"
    }
    return (t.minus ? "-" : "") + text;
  }

  function searchPage(engine, form, results, msg, href) {
    var input = document.getElementById("search-input") || form.querySelector('input[name="q"]');
    var status = document.getElementById("search-status");
    var filtersBox = document.getElementById("search-filters");
    var st = readState(), timer = null, seq = 0, shown = PAGE, handled = location.search, failedRun = false, facetReset = 0;
    // typed says the current history entry was made by typing: the words
    // typed make one entry, pushed at the first key that changes the URL
    // and replaced at the next, as on the list pages (table.js), so Back
    // returns to the state before them. A ticked box, a submit or Back
    // ends the run of keys.
    var typed = false;

    // record writes st to the URL, in a new history entry with push, else
    // in the current one, and reports whether it wrote. A search that is
    // already the page's makes no entry (Enter after typing: Back would
    // seem to do nothing), also when its URL is written another way (a
    // space as %20, as the header box's "All results" writes it, or the
    // filters first): the URL is compared as the state it reads as.
    function record(push) {
      var url = stateURL(st), wrote = url !== stateURL(readState());
      if (wrote) history[push ? "pushState" : "replaceState"](null, "", url);
      handled = location.search;
      return wrote;
    }

    function setStatus(text) { if (status) status.textContent = text; }

    // showHints lists why a query found nothing under the status line.
    // The list is a polite live region, as the status line is, made before
    // the first search so that a screen reader reads each hint when it
    // comes, after the status (QA 16 C-F6: "did you mean", or that the
    // results are prefix matches, was never heard).
    var hintsBox = document.getElementById("search-hints");
    if (!hintsBox && status) {
      hintsBox = el("ul", { id: "search-hints", "class": "search-hints" });
      status.parentNode.insertBefore(hintsBox, status.nextSibling);
    }
    if (hintsBox && !hintsBox.hasAttribute("aria-live")) hintsBox.setAttribute("aria-live", "polite");
    // A filter a hint says to type links to the query with it in place
    // of the one written (QA 13 F2), built as text nodes and links.
    function showHints(hints) {
      if (!hintsBox) return;
      clear(hintsBox);
      (hints || []).forEach(function (h) {
        var li = el("li", null, msg.hint);
        (isValueHint(h) ? valueHintParts(h, msg.lang) : [hintText(h, msg.lang)]).forEach(function (p) {
          var fixed = typeof p === "string" ? null : correctedState(st, h, p.fix);
          li.appendChild(typeof p === "string" ? document.createTextNode(p) : fixed ? el("a", { href: stateURL(fixed) }, p.word) : document.createTextNode(p.word));
        });
        hintsBox.appendChild(li);
      });
    }

    // run searches st. While the user types, a query whose last word is one
    // letter (too short to stand for a prefix) says "keep typing" rather
    // than that nothing matches. The last word is not taken as a prefix
    // while typing: the URL written as the user types must give the same
    // results when it is opened (the engine retries a word that finds
    // nothing as a prefix, on every path).
    //
    // listed is the number of results listed before "Show more" was pressed:
    // the focus moves to the first result it added (the button is gone)
    // and the status line says how many are listed.
    function run(typing, listed) {
      var my = ++seq;
      failedRun = false;
      if (!st.q.trim() && !Object.keys(st.filters).length) {
        clear(results);
        renderFilters(null);
        showHints(null);
        setStatus("");
        return Promise.resolve();
      }
      setStatus(msg.searching);
      // One letter while typing shows "keep typing", never suggestions.
      var keep = typing && typingWord(st.q);
      // The results and their documents come from one build (oneBuild).
      return oneBuild(engine, function () {
        return engine.search(st.q, { filters: st.filters, suggest: !keep }).then(function (r) {
          // Each result is drawn off the page as its document arrives, so
          // that little is left to do when the last one comes.
          return Promise.all(r.hits.slice(0, shown).map(function (h) {
            return engine.docs([h.doc]).then(function (docs) { return my === seq ? hitItem(docs[0], r.clauses) : null; });
          })).then(function (items) { return { r: r, items: items }; });
        });
      }).then(function (x) {
        if (my !== seq) return;
        render(x.r, x.items, keep && x.r.total === 0, listed);
      }).catch(function (e) {
        if (my !== seq) return;
        // The last query's results are not left under this one (QA 17
        // D-F7); a Retry button, Search or the browser going online runs
        // it again with new requests.
        showHints(null);
        clear(results);
        renderFilters(null);
        setStatus(failed(msg, e));
        if (e && e.stale) return;
        failedRun = true;
        var again = el("button", { type: "button", "class": "search-more" }, msg.retry);
        again.addEventListener("click", function () { run(false); });
        var li = el("li", { "class": "search-more-item" });
        li.appendChild(again);
        results.appendChild(li);
      });
    }

    // hitItem is the list item of a result: its title and snippet with the
    // query's words marked. The postmortem's language marks its title and
    // snippet only: the meta line is the site's words (QA 21 C-F6).
    function hitItem(d, clauses) {
      var li = el("li", { "class": "search-hit" });
      var h = el("h2");
      var a = el("a", { href: href(d.url) });
      if (d.lang) a.lang = d.lang;
      appendMarked(a, d.title, clauses, 0);
      // The title is drawn in its own direction, as in the quick results
      // and the lists (review 15): a right-to-left title alone in the
      // heading took the page's direction.
      var title = el("bdi");
      title.appendChild(a);
      h.appendChild(title);
      li.appendChild(h);
      var info = el("p", { "class": "search-meta" });
      info.appendChild(el("span", { "class": "severity" }, d.severity));
      info.appendChild(document.createTextNode(" · "));
      info.appendChild(el("time", { datetime: d.date }, d.date));
      d.systems.forEach(function (s, i) {
        info.appendChild(document.createTextNode(i ? ", " : " · "));
        info.appendChild(el("bdi", null, s));
      });
      li.appendChild(info);
      if (d.snippet) {
        var p = el("p", { "class": "search-snippet" });
        if (d.lang) p.lang = d.lang;
        appendMarked(p, d.snippet, clauses, SNIPPET_WIDTH);
        li.appendChild(p);
      }
      return li;
    }

    // render puts the results' items on the page at once (one change of
    // the list, one layout), then the status line, hints and filters.
    function render(r, items, keepTyping, listed) {
      var list = document.createDocumentFragment();
      items.forEach(function (li) { list.appendChild(li); });
      if (r.total > items.length) {
        var more = el("button", { type: "button", "class": "search-more" }, msg.more);
        more.addEventListener("click", function () {
          var before = shown;
          shown += PAGE;
          run(false, before);
        });
        var li2 = el("li", { "class": "search-more-item" });
        li2.appendChild(more);
        list.appendChild(li2);
      }
      clear(results);
      results.appendChild(list);
      var first = listed !== undefined && results.querySelectorAll("li.search-hit h2 a")[listed];
      if (first) first.focus();
      setStatus((first ? msg.showing(items.length, r.total) : keepTyping ? msg.keepTyping : r.total === 0 ? msg.none : r.total === 1 ? msg.one : r.total + msg.many) + (r.meta.cached ? msg.outdated : ""));
      showHints(keepTyping ? null : r.hints);
      // Facet counts come second: results show before the facet file
      // loads, and they are counted (tens of milliseconds at 10,000
      // postmortems) once the list has been drawn.
      var my = seq;
      engine.facets();
      afterPaint(function () {
        if (my !== seq) return;
        engine.facetCounts(r).then(function (counts) {
          if (my === seq) renderFilters(counts, r.filters);
        }, function (e) {
          // facets.json of a newer build: search that build, from a new
          // meta.json (the files held are the old build's, QA 17r C 3:
          // searched again, they met the new facets.json again, forever);
          // met twice, the site is being updated.
          if (my !== seq || !e || !e.stale) return;
          if (facetReset === my) {
            clear(results);
            return setStatus(msg.updated);
          }
          engine.reset();
          facetReset = my + 1;
          run(false);
        });
      });
    }

    // renderFilters lists the facet values with their counts. A value is
    // ticked when it filters the results, from the URL's filters or from a
    // filter word in the query (severity:SEV1); unticking the latter takes
    // the word out of the query. On a narrow screen the filters fold into
    // a "Filters" disclosure, so the first result is not pushed below the
    // fold.
    function renderFilters(counts, active) {
      if (!filtersBox) return;
      var wasOpen = filtersBox.querySelector("details");
      wasOpen = wasOpen ? wasOpen.open : !window.matchMedia || !window.matchMedia("(max-width: 40rem)").matches;
      var refocus = keepFocus();
      clear(filtersBox);
      if (!counts) return refocus();
      var box = el("details", { "class": "search-filters-box" });
      box.open = wasOpen;
      // The count is of the boxes ticked: a value no postmortem has ticks
      // none (its hint says so).
      var nActive = 0;
      FACETS.forEach(function (name) {
        var chosen = (active && active[name] || []).map(function (w) { return facetKey(name, w); });
        nActive += counts[name].filter(function (v) { return chosen.some(function (k) { return valueMatches(v, k); }); }).length;
      });
      box.appendChild(el("summary", null, msg.filters + (nActive ? " (" + nActive + ")" : "")));
      var any = false;
      FACETS.forEach(function (name) {
        var chosen = (active && active[name] || []).map(function (w) { return facetKey(name, w); });
        var isChosen = function (v) { return chosen.some(function (k) { return valueMatches(v, k); }); };
        var vals = counts[name].filter(function (v) {
          return v.count > 0 || isChosen(v);
        });
        if (!vals.length) return;
        var fs = el("fieldset", { "class": "search-facet", "data-facet": name });
        fs.appendChild(el("legend", null, msg.facets[name]));
        vals.forEach(function (v) {
          var label = el("label");
          var check = el("input", { type: "checkbox", name: name, value: v.value });
          check.checked = isChosen(v);
          check.addEventListener("change", function () {
            var list = (st.filters[name] || []).filter(function (x) { return !valueMatches(v, facetKey(name, x)); });
            if (check.checked) list.push(v.value);
            else input.value = st.q = withoutFilter(st.q, name, v);
            if (list.length) st.filters[name] = list; else delete st.filters[name];
            shown = PAGE;
            typed = false;
            record(true);
            run(false);
          });
          label.appendChild(check);
          // The value is isolated: a right-to-left override in a tag or a
          // team reverses that name only, not its count (QA 15 A-F6).
          label.appendChild(document.createTextNode(" "));
          label.appendChild(el("bdi", null, v.label));
          label.appendChild(document.createTextNode(" "));
          label.appendChild(el("span", { "class": "count" }, "(" + v.count + ")"));
          fs.appendChild(label);
        });
        box.appendChild(fs);
        any = true;
      });
      if (any) filtersBox.appendChild(box);
      refocus();
    }

    // keepFocus notes where the focus is in the filter panel before the
    // panel is rebuilt or emptied, and returns what puts it back (QA 21
    // C-F1: a box ticked with Space, or Back with the focus on one, left
    // it on <body>, and the next Tab started over at the summary): on the
    // rebuilt box of the same value, with its new state; on its group
    // when the value is no longer listed; else on the summary, or on the
    // search box when the panel is gone.
    function keepFocus() {
      var a = document.activeElement;
      if (!filtersBox || !a || !filtersBox.contains(a)) return function () {};
      var group = a.closest("fieldset"), facet = group && group.getAttribute("data-facet");
      return function () {
        var t = null;
        filtersBox.querySelectorAll("input").forEach(function (b) {
          if (b.name === a.name && b.value === a.value) t = b;
        });
        if (!t && a.tagName !== "SUMMARY") {
          t = filtersBox.querySelector('fieldset[data-facet="' + facet + '"]');
          if (t) t.tabIndex = -1;
        }
        (t || filtersBox.querySelector("summary") || input).focus();
      };
    }

    input.value = st.q;
    if (hadBreaks()) {
      history.replaceState(null, "", stateURL(st));
      handled = location.search;
    }
    input.addEventListener("input", function (e) {
      if (e.isComposing) return;
      clearTimeout(timer);
      timer = setTimeout(function () {
        st.q = input.value;
        shown = PAGE;
        if (record(!typed)) typed = true;
        run(true);
      }, 120);
    });
    input.addEventListener("compositionend", function () {
      input.dispatchEvent(new Event("input"));
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      st.q = input.value;
      shown = PAGE;
      typed = false;
      record(true);
      run(false);
    });
    // A link to a spot on the page (the skip links' #main, #results) makes
    // a history entry of its own and a popstate with the same query: the
    // search stays as it is, Show more's results too.
    window.addEventListener("online", function () { if (failedRun) run(false); });
    window.addEventListener("popstate", function () {
      if (location.search === handled) return;
      handled = location.search;
      typed = false;
      st = readState();
      input.value = st.q;
      if (hadBreaks()) {
        history.replaceState(null, "", stateURL(st));
        handled = location.search;
      }
      shown = PAGE;
      run(false);
    });
    run(false);
  }

  // typingWord reports whether the last word of q is one letter, or ends
  // in a part of one letter (DB_M, api.acme.e; QA 16r a-F1): too short to
  // stand for a prefix, so a search box says "keep typing". A word ended
  // with * (c*) is written out: its hint says it is too short.
  function typingWord(q) {
    var toks = splitQuery(q), i = lastWord(toks);
    if (i < 0 || toks[i].quoted || /\*$/.test(toks[i].text)) return false;
    var w = toks[i].text, parts = splitScripts(w);
    return (runeCount(w) === 1 && w.codePointAt(0) < 0x2E80) || endsInOneLetter(parts[parts.length - 1]);
  }

  // withoutFilter removes the filter words that name the facet value v
  // ({value, label}) of facet name (as valueMatches: any case or width,
  // a team as teamKey folds it, or by its label; value quoted or not) from
  // the query q. An excluded one stays: -severity:SEV1 is no filter word,
  // nor is the word after a NOT (splitQuery), which unticking SEV1 would
  // otherwise turn from "dns NOT severity:SEV1" into "dns NOT".
  function withoutFilter(q, name, v) {
    var afterNot = false;
    return q.split(/\s+/).filter(function (w) {
      if (w === "") return false;
      var excluded = afterNot;
      afterNot = !excluded && isOperator({ text: w, quoted: false, minus: false }, "NOT");
      if (excluded) return true;
      var f = isFilter({ text: w.replace(/^([^:：]*[:：])"(.*)"$/, "$1$2"), quoted: false });
      return !(f && f.name === name && valueMatches(v, facetKey(name, f.value)));
    }).join(" ");
  }

  // quickSearch lists the top hits under the header search box, as the
  // ARIA combobox with a list popup: the box controls the list
  // (aria-controls, aria-expanded); ArrowDown and ArrowUp move a
  // highlight through the results (aria-activedescendant, aria-selected)
  // while the focus stays in the box; Enter opens the highlighted result
  // (with none, the form searches); Escape closes the list and keeps the
  // text; a polite status says how many postmortems match. Each result
  // is a link with the role of an option, so a click, a middle click or
  // "open in a new tab" work as on any link.
  function quickSearch(engine, msg, href) {
    var input = document.getElementById("site-search-q");
    if (!input || !input.form) return;
    var form = input.form;
    var list = el("ul", { id: "site-search-list", "class": "quick-results", role: "listbox", hidden: "" });
    if (input.labels && input.labels.length) list.setAttribute("aria-label", input.labels[0].textContent);
    var status = el("p", { "class": "visually-hidden", role: "status" });
    form.appendChild(list);
    form.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    // fresh says that the list answers the box's text: from an edit until
    // its answer fills the list, the arrows and Enter pick nothing from it.
    var timer = null, seq = 0, active = -1, fresh = true;

    function options() { return list.querySelectorAll('[role="option"]'); }
    // choose highlights option i (-1: none).
    function choose(i) {
      var opts = options();
      if (opts[active]) opts[active].removeAttribute("aria-selected");
      active = opts[i] ? i : -1;
      if (active < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      opts[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", opts[active].id);
      if (opts[active].scrollIntoView) opts[active].scrollIntoView({ block: "nearest" });
    }
    // open shows the list when it has results, or hides it.
    function open(yes) {
      yes = yes && list.children.length > 0;
      list.hidden = !yes;
      input.setAttribute("aria-expanded", yes ? "true" : "false");
      if (!yes) choose(-1);
    }
    // note shows text alone in the list and the status (QA 17 D-F2: while
    // the index loaded, and when it failed, the box said nothing, to
    // screen readers neither), with a Retry button after a failure.
    function note(text, retry) {
      choose(-1);
      clear(list);
      var li = el("li", { role: "none", "class": "quick-note" }, text);
      if (retry) {
        var b = el("button", { type: "button" }, msg.retry);
        b.addEventListener("click", function () {
          input.focus();
          input.dispatchEvent(new Event("input"));
        });
        li.appendChild(document.createTextNode(" "));
        li.appendChild(b);
      }
      list.appendChild(li);
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = text;
    }
    function option(i, url) {
      var li = el("li", { role: "none" });
      var a = el("a", { id: "site-search-opt-" + i, role: "option", href: url, tabindex: "-1" });
      li.appendChild(a);
      list.appendChild(li);
      return a;
    }

    input.addEventListener("input", function (e) {
      // The list answers the text before this edit: Enter must not open
      // one of its results for the new text while that is being searched.
      choose(-1);
      fresh = false;
      if (e.isComposing) return;
      clearTimeout(timer);
      timer = setTimeout(function () {
        var my = ++seq, q = input.value;
        if (!q.trim()) {
          fresh = true;
          choose(-1);
          clear(list);
          open(false);
          status.textContent = "";
          // The search this one supersedes leaves aria-busy (QA 17r C 4).
          list.removeAttribute("aria-busy");
          return;
        }
        // A search that takes a while (the first, on a slow network)
        // says so.
        var slow = setTimeout(function () {
          if (my === seq) note(msg.searching);
        }, 300);
        list.setAttribute("aria-busy", "true");
        var done = function () {
          clearTimeout(slow);
          if (my === seq) list.removeAttribute("aria-busy");
        };
        // The quick list shows no hints, so it asks for no suggestions.
        oneBuild(engine, function () {
          return engine.search(q, { suggest: false }).then(function (r) {
            return engine.docs(r.hits.slice(0, 5).map(function (h) { return h.doc; })).then(function (docs) { return { r: r, docs: docs }; });
          });
        }).then(function (x) {
          var r = x.r, docs = x.docs;
          done();
          if (my !== seq) return;
          fresh = true;
          choose(-1);
          clear(list);
          docs.forEach(function (d, i) {
            var a = option(i, href(d.url));
            // The title is isolated from the severity and date after it
            // (QA 15 A-F6), and only it is in the postmortem's language
            // (QA 21 C-F6).
            var title = el("bdi");
            if (d.lang) title.lang = d.lang;
            appendMarked(title, d.title, r.clauses, 0);
            a.appendChild(title);
            a.appendChild(document.createTextNode(" "));
            a.appendChild(el("span", { "class": "severity" }, d.severity + " · " + d.date));
          });
          if (r.total > docs.length) {
            option(docs.length, form.getAttribute("action") + "?q=" + encodeURIComponent(q)).textContent = msg.all + " (" + r.total + ")";
          }
          open(true);
          status.textContent = r.total === 0 ? msg.none : r.total === 1 ? msg.one : r.total + msg.many;
        }).catch(function (e) {
          done();
          if (my === seq) note(failed(msg, e), !(e && e.stale));
        });
        // A last word of one or two letters is searched (as a prefix of
        // many words, many postings files) once typing pauses, so that
        // the files of each key do not queue before the final query's on
        // a slow network (QA 17 D-F6).
      }, /(^|\s)\S\S?$/.test(input.value) ? 450 : 150);
    });
    // An IME's last input event comes before compositionend, still
    // composing (Chrome), so the committed text is searched from here, as
    // on the search page.
    input.addEventListener("compositionend", function () {
      input.dispatchEvent(new Event("input"));
    });
    input.addEventListener("keydown", function (e) {
      if (e.isComposing || e.altKey || e.ctrlKey || e.metaKey) return; // keys of an IME's composition, or the browser's
      var n = options().length, down = e.key === "ArrowDown";
      if ((down || e.key === "ArrowUp") && n && fresh) {
        e.preventDefault();
        if (list.hidden) open(true);
        choose(active < 0 ? (down ? 0 : n - 1) : (active + (down ? 1 : n - 1)) % n);
      } else if (e.key === "Enter" && !list.hidden && active >= 0) {
        e.preventDefault();
        options()[active].click();
      } else if (e.key === "Escape" && !list.hidden) {
        e.preventDefault(); // a search box would also clear its text
        open(false);
      }
    });
    // Enter on a highlighted result opened it above; a keypress that still
    // reaches the form (one the keydown's preventDefault did not stop, as
    // some input methods and automation send) must not search as well,
    // whichever navigation would come last.
    form.addEventListener("submit", function (e) {
      if (!list.hidden && active >= 0) e.preventDefault();
    });
    // The highlight belongs to the box: leaving it (for the Search button)
    // drops it, so the guard above holds only a submission from the box.
    input.addEventListener("blur", function () { choose(-1); });
    input.addEventListener("click", function () { open(true); });
    // The list closes when the focus or a click leaves the form.
    form.addEventListener("focusout", function (e) {
      if (e.relatedTarget && !form.contains(e.relatedTarget)) open(false);
    });
    document.addEventListener("pointerdown", function (e) {
      if (!form.contains(e.target)) open(false);
    });
  }

  if (typeof document !== "undefined" && typeof window !== "undefined") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startPage);
    else startPage();
  }

  var api = {
    analyze: analyze, tokenize: tokenize, decodeInts: decodeInts, parseQuery: parseQuery,
    Engine: Engine, dataLoader: dataLoader, highlight: highlight, hintText: hintText, facetKey: facetKey, withoutFilter: withoutFilter,
    splitQuery: splitQuery
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})();
