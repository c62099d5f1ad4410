package app

import (
	"context"
	"database/sql"
	"fmt"
	"net"

	"jiuke/backend/errs"
	"jiuke/backend/settings"
	"jiuke/backend/staff"
)

// LANServer runs the shop-network server; main provides it (tests give one on 127.0.0.1).
type LANServer interface {
	Start(port int) error
	Stop() error
	Running() bool
}

// LANStatus is what the settings page shows: whether it is on, and the addresses to type or scan.
type LANStatus struct {
	settings.LAN
	Running   bool     `json:"running"`
	Addresses []string `json:"addresses"`
}

func (s *System) LAN() (LANStatus, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return LANStatus{}, err
	}
	l, err := settings.LoadLAN(ctx, db)
	if err != nil {
		return LANStatus{}, err
	}
	return s.core.lanStatus(l), nil
}

// SetLAN turns shop-network mode on or off (owner only) and starts or stops the server at once.
func (s *System) SetLAN(in settings.LAN) (out LANStatus, err error) {
	var saved settings.LAN
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if s.core.LAN == nil {
			return errs.Conflict("", "此运行方式不支持局域网模式", nil)
		}
		if saved, err = settings.SaveLAN(ctx, tx, in); err != nil {
			return err
		}
		action := "关闭局域网模式"
		if in.Enabled {
			action = "开启局域网模式"
		}
		return s.core.log(ctx, tx, a, action, "rules", 0, "局域网模式", map[string]int{"port": in.Port})
	})
	if err != nil {
		return out, err
	}
	if s.core.LAN.Running() {
		if err := s.core.LAN.Stop(); err != nil {
			return out, errs.Internal("stop lan", err)
		}
	}
	if saved.Enabled {
		if err := s.core.LAN.Start(saved.Port); err != nil {
			return out, errs.Conflict("port", fmt.Sprintf("无法在端口 %d 上开启局域网访问：%v", saved.Port, err), nil)
		}
	}
	return s.core.lanStatus(saved), nil
}

func (c *Core) lanStatus(l settings.LAN) LANStatus {
	st := LANStatus{LAN: l, Addresses: []string{}}
	if c.LAN != nil {
		st.Running = c.LAN.Running()
	}
	if st.Running {
		for _, ip := range shopAddresses() {
			st.Addresses = append(st.Addresses, fmt.Sprintf("http://%s:%d/", ip, l.Port))
		}
	}
	return st
}

// shopAddresses are this PC's IPv4 addresses on the shop network.
func shopAddresses() []string {
	var out []string
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return out
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil && !n.IP.IsLinkLocalUnicast() {
			out = append(out, n.IP.String())
		}
	}
	return out
}
