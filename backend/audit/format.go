package audit

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// Line is one detail of an entry as people read it: 金额：¥1,234.00, or 等级：银卡 → 金卡.
type Line struct {
	Label string `json:"label"` // "" for a line about the whole entry
	Text  string `json:"text"`
}

// Lines reads an entry's stored details (JSON written by Log, or plain text) into labelled lines:
// Chinese labels from the one table in labels.go, money in fen as ¥1,234.00, yes/no as 是/否, an
// {old, new} change as old → new listing only what changed. Keys keep the order they were written in.
func Lines(details string) []Line {
	details = strings.TrimSpace(details)
	if details == "" {
		return nil
	}
	v, err := parseOrdered([]byte(details))
	if err != nil {
		return []Line{{Text: details}}
	}
	if o, ok := v.(object); ok {
		if old, neu, ok := o.change(); ok {
			oo, ok1 := old.(object)
			no, ok2 := neu.(object)
			if !ok1 || !ok2 {
				return []Line{{Text: value("", old) + " → " + value("", neu)}}
			}
			var out []Line
			for _, k := range unionKeys(oo, no) {
				a, b := oo.get(k), no.get(k)
				if sameJSON(a, b) {
					continue
				}
				out = append(out, Line{Label: Label(k), Text: value(k, a) + " → " + value(k, b)})
			}
			if len(out) == 0 {
				return []Line{{Text: "没有改动"}}
			}
			return out
		}
		out := make([]Line, 0, len(o))
		for _, kv := range o {
			out = append(out, Line{Label: Label(kv.key), Text: value(kv.key, kv.val)})
		}
		return out
	}
	return []Line{{Text: value("", v)}}
}

// Text is the details on one line, for the exported log: 金额：¥1,234.00；原因：破损.
func Text(details string) string {
	lines := Lines(details)
	parts := make([]string, 0, len(lines))
	for _, l := range lines {
		if l.Label == "" {
			parts = append(parts, l.Text)
		} else {
			parts = append(parts, l.Label+"："+l.Text)
		}
	}
	return strings.Join(parts, "；")
}

// Label is the Chinese name of a details key; the key itself when the table lacks it (a test in app
// checks that every key a log call writes is in the table).
func Label(key string) string {
	if l, ok := labels[key]; ok {
		return l
	}
	return key
}

// HasLabel tells whether the table names a key.
func HasLabel(key string) bool {
	_, ok := labels[key]
	return ok
}

func value(key string, v any) string {
	switch x := v.(type) {
	case nil:
		return "（空）"
	case bool:
		if x {
			return "是"
		}
		return "否"
	case json.Number:
		if isMoneyKey(key) {
			if n, err := x.Int64(); err == nil {
				return Money(n)
			}
		}
		return x.String()
	case string:
		if x == "" {
			return "（空）"
		}
		if t, ok := valueNames[key][x]; ok {
			return t
		}
		return x
	case []any:
		if len(x) == 0 {
			return "（空）"
		}
		parts := make([]string, 0, len(x))
		for _, it := range x {
			parts = append(parts, value(key, it))
		}
		return strings.Join(parts, "、")
	case object:
		if old, neu, ok := x.change(); ok {
			return value(key, old) + " → " + value(key, neu)
		}
		if len(x) == 0 {
			return "（空）"
		}
		parts := make([]string, 0, len(x))
		for _, kv := range x {
			parts = append(parts, Label(kv.key)+"："+value(kv.key, kv.val))
		}
		return "｛" + strings.Join(parts, "，") + "｝"
	}
	return ""
}

// isMoneyKey: amounts are integer fen in keys that end in Fen (amountFen, paidFen, plannedFen…).
func isMoneyKey(key string) bool {
	return strings.HasSuffix(key, "Fen") || strings.HasSuffix(key, "_fen")
}

// Money writes fen as ¥1,234.00 (negative as -¥12.00).
func Money(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	s := strconv.FormatInt(fen/100, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return sign + "¥" + s + "." + strconv.FormatInt(fen%100/10, 10) + strconv.FormatInt(fen%10, 10)
}

// object is a JSON object that keeps its keys in the order they were written.
type object []kv

type kv struct {
	key string
	val any
}

func (o object) get(k string) any {
	for _, x := range o {
		if x.key == k {
			return x.val
		}
	}
	return nil
}

// change recognises Change: exactly the keys old and new.
func (o object) change() (any, any, bool) {
	if len(o) != 2 {
		return nil, nil, false
	}
	var old, neu any
	var hasOld, hasNew bool
	for _, x := range o {
		switch x.key {
		case "old":
			old, hasOld = x.val, true
		case "new":
			neu, hasNew = x.val, true
		}
	}
	return old, neu, hasOld && hasNew
}

func unionKeys(a, b object) []string {
	seen := map[string]bool{}
	var out []string
	for _, o := range []object{a, b} {
		for _, x := range o {
			if !seen[x.key] {
				seen[x.key] = true
				out = append(out, x.key)
			}
		}
	}
	return out
}

func sameJSON(a, b any) bool {
	x, _ := json.Marshal(plain(a))
	y, _ := json.Marshal(plain(b))
	return bytes.Equal(x, y)
}

// plain turns an object back into a map, for comparing.
func plain(v any) any {
	switch x := v.(type) {
	case object:
		m := make(map[string]any, len(x))
		for _, kv := range x {
			m[kv.key] = plain(kv.val)
		}
		return m
	case []any:
		out := make([]any, len(x))
		for i, it := range x {
			out[i] = plain(it)
		}
		return out
	}
	return v
}

func parseOrdered(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errTrailing
	}
	return v, nil
}

type parseError string

func (e parseError) Error() string { return string(e) }

const errTrailing = parseError("trailing data")

func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			o := object{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				o = append(o, kv{k, v})
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return o, nil
		case '[':
			a := []any{}
			for dec.More() {
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				a = append(a, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return a, nil
		}
		return nil, parseError("unexpected delimiter")
	}
	return tok, nil
}
