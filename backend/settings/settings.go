// Package settings keeps shop-wide preferences: the shop's name and its list of districts.
package settings

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Shop is what the settings page edits.
type Shop struct {
	Name      string   `json:"name"`
	City      string   `json:"city"`
	Districts []string `json:"districts"`
}

const DefaultShopName = "我的酒行"

func get(ctx context.Context, q store.Querier, key string) (string, bool, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return v, err == nil, err
}

func set(ctx context.Context, tx *sql.Tx, key, value string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// Load returns the shop settings, with defaults where nothing was saved yet.
func Load(ctx context.Context, q store.Querier) (Shop, error) {
	s := Shop{Name: DefaultShopName, Districts: []string{}}
	name, ok, err := get(ctx, q, "shop.name")
	if err != nil {
		return s, errs.Internal("load settings", err)
	}
	if ok {
		s.Name = name
	}
	if s.City, _, err = get(ctx, q, "shop.city"); err != nil {
		return s, errs.Internal("load settings", err)
	}
	ds, ok, err := get(ctx, q, "shop.districts")
	if err != nil {
		return s, errs.Internal("load settings", err)
	}
	if ok {
		if err := json.Unmarshal([]byte(ds), &s.Districts); err != nil {
			return s, errs.Internal("decode districts", err)
		}
	}
	return s, nil
}

// maxDistricts bounds the district list a form offers.
const maxDistricts = 200

// Save validates and stores the shop settings.
func Save(ctx context.Context, tx *sql.Tx, s Shop) (Shop, error) {
	s.Name = strings.TrimSpace(s.Name)
	s.City = strings.TrimSpace(s.City)
	if s.Name == "" {
		return s, errs.Invalid("name", "请填写店名")
	}
	if utf8.RuneCountInString(s.Name) > 40 {
		return s, errs.Invalid("name", "店名不能超过40个字")
	}
	// The city is shown before sign-in (System.Info): bounded like every name.
	if err := errs.Text("city", "城市", s.City, errs.NameLen); err != nil {
		return s, err
	}
	if len(s.Districts) > maxDistricts {
		return s, errs.Invalid("districts", fmt.Sprintf("区域最多%d个", maxDistricts))
	}
	seen := map[string]bool{}
	clean := []string{}
	for _, d := range s.Districts {
		d = strings.TrimSpace(d)
		if d == "" || seen[d] {
			continue
		}
		if utf8.RuneCountInString(d) > 30 {
			return s, errs.Invalid("districts", "区域名称不能超过30个字："+d)
		}
		seen[d] = true
		clean = append(clean, d)
	}
	s.Districts = clean
	ds, _ := json.Marshal(clean)
	for k, v := range map[string]string{"shop.name": s.Name, "shop.city": s.City, "shop.districts": string(ds)} {
		if err := set(ctx, tx, k, v); err != nil {
			return s, errs.Internal("save settings", err)
		}
	}
	return s, nil
}

// LAN is shop-network mode (局域网模式): off by default; when on, the app is also served to browsers on
// the shop network, behind sign-in, on Port.
type LAN struct {
	Enabled bool `json:"enabled"`
	Port    int  `json:"port"`
}

const DefaultLANPort = 8421

// LoadLAN reads the shop-network setting.
func LoadLAN(ctx context.Context, q store.Querier) (LAN, error) {
	l := LAN{Port: DefaultLANPort}
	on, _, err := get(ctx, q, "lan.enabled")
	if err != nil {
		return l, errs.Internal("load lan", err)
	}
	l.Enabled = on == "1"
	if p, ok, err := get(ctx, q, "lan.port"); err != nil {
		return l, errs.Internal("load lan", err)
	} else if ok {
		fmt.Sscan(p, &l.Port)
	}
	return l, nil
}

// SaveLAN stores the shop-network setting.
func SaveLAN(ctx context.Context, tx *sql.Tx, l LAN) (LAN, error) {
	if l.Port < 1024 || l.Port > 65535 {
		return l, errs.Invalid("port", "端口应在1024到65535之间")
	}
	on := "0"
	if l.Enabled {
		on = "1"
	}
	for k, v := range map[string]string{"lan.enabled": on, "lan.port": fmt.Sprint(l.Port)} {
		if err := set(ctx, tx, k, v); err != nil {
			return l, errs.Internal("save lan", err)
		}
	}
	return l, nil
}
