package app

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/events"
	"jiuke/backend/settings"
	"jiuke/backend/store"
)

// Self check-in links (扫码签到): the URLs a poster's or the door stand's QR code carries. They point at
// the shop-network server, so they exist only while shop-network mode is on.

// Paths of the public check-in pages on the shop-network server (served by app/web, outside /api/app).
const (
	GuestCheckInPath = "/c/"
	WalkInPath       = "/w/"
)

// CheckInLinks are an event's QR targets: one per guest and the walk-in stand's.
type CheckInLinks struct {
	EventID int64 `json:"eventId"`
	// Base is the shop-network address the links use (http://192.168.1.10:8421); Addresses lists
	// every address of this PC, for a shop whose phones join another network.
	Base      string      `json:"base"`
	Addresses []string    `json:"addresses"`
	WalkIn    string      `json:"walkIn"`
	Guests    []GuestLink `json:"guests"`
	// ValidFrom and ValidUntil are when the links work, shop-local "YYYY-MM-DD HH:MM".
	ValidFrom  string `json:"validFrom"`
	ValidUntil string `json:"validUntil"`
}

// GuestLink is one guest's check-in URL.
type GuestLink struct {
	events.GuestToken
	URL string `json:"url"`
}

// ErrLANOff is the answer when shop-network mode is off: guests' phones could not reach the links.
var ErrLANOff = errs.Conflict("lan", "局域网模式未开启：宾客的手机无法打开签到页。请店主在「设置 → 局域网模式」中开启后再生成签到二维码", nil)

// CheckInURLs gives every guest's check-in URL and the event's walk-in URL, issuing tokens to guests
// that have none yet, in its own transaction. It is for other services of app (posters, the door
// stand) whose bound method has already passed its permission rule; it fails with ErrLANOff when
// shop-network mode is off or its server is not running.
func (c *Core) CheckInURLs(eventID int64) (out CheckInLinks, err error) {
	err = c.DB.WithTx(c.context(), func(tx *sql.Tx) error {
		out, err = c.checkInURLs(c.context(), tx, eventID, c.actor().ID)
		return err
	})
	return out, err
}

// checkInURLs is CheckInURLs inside the caller's transaction.
func (c *Core) checkInURLs(ctx context.Context, tx *sql.Tx, eventID, staffID int64) (CheckInLinks, error) {
	base, addrs, err := c.lanBase(ctx, tx)
	if err != nil {
		return CheckInLinks{}, err
	}
	key, err := c.checkInKey()
	if err != nil {
		return CheckInLinks{}, err
	}
	ev, err := events.Get(ctx, tx, eventID)
	if err != nil {
		return CheckInLinks{}, err
	}
	from, until, err := events.CheckInWindow(ev)
	if err != nil {
		return CheckInLinks{}, err
	}
	tokens, _, err := events.GuestTokens(ctx, tx, key, eventID, staffID)
	if err != nil {
		return CheckInLinks{}, err
	}
	walk, err := events.WalkInToken(ctx, tx, key, eventID, staffID, false)
	if err != nil {
		return CheckInLinks{}, err
	}
	const layout = "2006-01-02 15:04"
	out := CheckInLinks{EventID: eventID, Base: base, Addresses: addrs, WalkIn: base + WalkInPath + walk,
		Guests: make([]GuestLink, 0, len(tokens)), ValidFrom: from.Format(layout), ValidUntil: until.Format(layout)}
	for _, t := range tokens {
		out.Guests = append(out.Guests, GuestLink{GuestToken: t, URL: base + GuestCheckInPath + t.Token})
	}
	return out, nil
}

// lanBase is the address guests' phones reach this PC at, or ErrLANOff.
func (c *Core) lanBase(ctx context.Context, q store.Querier) (string, []string, error) {
	l, err := settings.LoadLAN(ctx, q)
	if err != nil {
		return "", nil, err
	}
	if !l.Enabled || c.LAN == nil || !c.LAN.Running() {
		return "", nil, ErrLANOff
	}
	ips := lanAddresses()
	if len(ips) == 0 {
		return "", nil, errs.Conflict("lan", "本机没有连接店内网络（没有局域网地址）：请连接店内Wi-Fi或网线后再生成签到二维码", nil)
	}
	preferPrivate(ips)
	addrs := make([]string, len(ips))
	for i, ip := range ips {
		addrs[i] = fmt.Sprintf("http://%s", net.JoinHostPort(ip, fmt.Sprint(l.Port)))
	}
	return addrs[0], addrs, nil
}

// lanAddresses lists this PC's shop-network addresses (tests give their own).
var lanAddresses = shopAddresses

// preferPrivate moves the first private (192.168/10/172.16-31) address to the front: a shop's Wi-Fi.
func preferPrivate(ips []string) {
	for i, s := range ips {
		if ip := net.ParseIP(s); ip != nil && ip.IsPrivate() {
			ips[0], ips[i] = ips[i], ips[0]
			return
		}
	}
}

// checkInKey is the key sealing tokens, in a file beside the database (made on first use, readable
// by this account only). Without it the links cannot be shown again, but printed ones keep working.
func (c *Core) checkInKey() ([]byte, error) {
	path := c.DB.Path + ".checkin.key"
	for range 2 {
		b, err := os.ReadFile(path)
		if err == nil && len(b) == events.KeyLen {
			return b, nil
		}
		if err == nil || !errors.Is(err, fs.ErrNotExist) {
			return nil, errs.Internal("check-in key", fmt.Errorf("%s: %d bytes, %v", path, len(b), err))
		}
		key := make([]byte, events.KeyLen)
		if _, err := rand.Read(key); err != nil {
			return nil, errs.Internal("check-in key", err)
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			// Another process made it first: read theirs.
			time.Sleep(50 * time.Millisecond)
			continue
		}
		if err != nil {
			return nil, errs.Internal("check-in key", err)
		}
		_, werr := f.Write(key)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			os.Remove(path)
			return nil, errs.Internal("check-in key", werr)
		}
		return key, nil
	}
	return nil, errs.Internal("check-in key", errors.New("key file keeps changing"))
}
