// Package tags keeps tags (标签): manual ones staff put on customers, and smart ones whose rules
// (one segment condition each) decide who carries them.
package tags

import (
	"context"
	"database/sql"
	"errors"
	"regexp"
	"strings"
	"unicode/utf8"

	"jiuke/backend/errs"
	"jiuke/backend/segments"
	"jiuke/backend/store"
)

type Tag struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Colour string `json:"colour"`
	Group  string `json:"group"`
	Kind   string `json:"kind"` // manual | smart
	// Rule is a smart tag's condition; nil for manual tags.
	Rule       *segments.Node `json:"rule"`
	Count      int            `json:"count"`
	ComputedAt string         `json:"computedAt"`
}

type Input struct {
	Name   string         `json:"name"`
	Colour string         `json:"colour"`
	Group  string         `json:"group"`
	Rule   *segments.Node `json:"rule"` // set: a smart tag
}

var colourRe = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)

// SmartFields are the conditions a smart tag's rule may use.
var SmartFields = []string{"spend", "totalSpend", "lastPurchase", "events", "referrals", "category", "service", "birthMonth", "level"}

func check(in *Input) error {
	in.Name, in.Group = strings.TrimSpace(in.Name), strings.TrimSpace(in.Group)
	if in.Name == "" {
		return errs.Invalid("name", "请填写标签名称")
	}
	if utf8.RuneCountInString(in.Name) > 20 {
		return errs.Invalid("name", "标签名称不能超过20个字")
	}
	if utf8.RuneCountInString(in.Group) > 20 {
		return errs.Invalid("group", "分组名称不能超过20个字")
	}
	if in.Colour == "" {
		in.Colour = "#409EFF"
	}
	if !colourRe.MatchString(in.Colour) {
		return errs.Invalid("colour", "颜色格式应为 #409EFF")
	}
	if in.Rule != nil {
		ok := false
		for _, f := range SmartFields {
			ok = ok || in.Rule.Field == f
		}
		if in.Rule.IsGroup() || !ok {
			return errs.Invalid("rule", "规则：请选择智能标签的条件")
		}
		if err := segments.ValidateCondition(*in.Rule, ""); err != nil {
			return err
		}
	}
	return nil
}

// activeCount is how many active customers carry tag t, from the tag's index alone: leaving out the
// few archived ids instead of reading a million customer rows keeps the tags page quick.
const activeCount = `(SELECT COUNT(*) FROM customer_tags ct WHERE ct.tag_id = t.id
	AND ct.customer_id NOT IN (SELECT id FROM customers WHERE archived = 1))`

// List returns every tag with how many active customers carry it, grouped then by name.
func List(ctx context.Context, q store.Querier) ([]Tag, error) {
	rows, err := q.QueryContext(ctx, `SELECT t.id, t.name, t.colour, t.tag_group, t.kind, COALESCE(r.rule, ''), COALESCE(r.computed_at, ''),
		`+activeCount+`
		FROM tags t LEFT JOIN tag_rules r ON r.tag_id = t.id ORDER BY t.tag_group, t.name`)
	if err != nil {
		return nil, errs.Internal("list tags", err)
	}
	defer rows.Close()
	out := []Tag{}
	for rows.Next() {
		t, err := scanTag(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func scanTag(row interface{ Scan(...any) error }) (Tag, error) {
	var t Tag
	var rule string
	if err := row.Scan(&t.ID, &t.Name, &t.Colour, &t.Group, &t.Kind, &rule, &t.ComputedAt, &t.Count); err != nil {
		return t, err
	}
	if rule != "" {
		t.Rule = &segments.Node{}
		if err := jsonUnmarshal(rule, t.Rule); err != nil {
			return t, errs.Internal("decode tag rule", err)
		}
	}
	return t, nil
}

func Get(ctx context.Context, q store.Querier, id int64) (Tag, error) {
	t, err := scanTag(q.QueryRowContext(ctx, `SELECT t.id, t.name, t.colour, t.tag_group, t.kind, COALESCE(r.rule, ''), COALESCE(r.computed_at, ''),
		`+activeCount+`
		FROM tags t LEFT JOIN tag_rules r ON r.tag_id = t.id WHERE t.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, errs.NotFound("标签不存在")
	}
	if err != nil {
		return t, errs.Internal("get tag", err)
	}
	return t, nil
}

// Save creates (id 0) or edits a tag. A smart tag's rule is saved and its customers recomputed at
// once; a tag cannot change between manual and smart.
func Save(ctx context.Context, tx *sql.Tx, id int64, in Input) (Tag, error) {
	if err := check(&in); err != nil {
		return Tag{}, err
	}
	var other int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM tags WHERE name = ? AND id != ?`, in.Name, id).Scan(&other)
	if err == nil {
		return Tag{}, errs.Conflict("name", "已有名为“"+in.Name+"”的标签", nil)
	} else if !errors.Is(err, sql.ErrNoRows) {
		return Tag{}, errs.Internal("check tag name", err)
	}
	kind := "manual"
	if in.Rule != nil {
		kind = "smart"
	}
	if id == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO tags (name, colour, tag_group, kind, created_at) VALUES (?, ?, ?, ?, ?)`,
			in.Name, in.Colour, in.Group, kind, store.Now())
		if err != nil {
			return Tag{}, errs.Internal("insert tag", err)
		}
		id, _ = res.LastInsertId()
	} else {
		old, err := Get(ctx, tx, id)
		if err != nil {
			return Tag{}, err
		}
		if old.Kind != kind {
			return Tag{}, errs.Invalid("rule", "手动标签和智能标签不能互相转换，请新建标签")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE tags SET name = ?, colour = ?, tag_group = ? WHERE id = ?`, in.Name, in.Colour, in.Group, id); err != nil {
			return Tag{}, errs.Internal("update tag", err)
		}
	}
	if in.Rule != nil {
		if _, err := tx.ExecContext(ctx, `INSERT INTO tag_rules (tag_id, rule) VALUES (?, ?)
			ON CONFLICT(tag_id) DO UPDATE SET rule = excluded.rule`, id, jsonMarshal(in.Rule)); err != nil {
			return Tag{}, errs.Internal("save tag rule", err)
		}
		if _, err := recomputeOne(ctx, tx, id, *in.Rule, store.Today()); err != nil {
			return Tag{}, err
		}
	}
	return Get(ctx, tx, id)
}

// Delete removes a tag from everyone who carries it (customer_tags cascade) and from the list.
func Delete(ctx context.Context, tx *sql.Tx, id int64) (Tag, error) {
	t, err := Get(ctx, tx, id)
	if err != nil {
		return t, err
	}
	for _, q := range []string{`DELETE FROM customer_tags WHERE tag_id = ?`, `DELETE FROM tag_rules WHERE tag_id = ?`, `DELETE FROM tags WHERE id = ?`} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return t, errs.Internal("delete tag", err)
		}
	}
	return t, nil
}
