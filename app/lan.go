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
	// Start serves on port, moving there if already running elsewhere; when port cannot be opened it
	// fails and whatever ran before keeps running.
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

// SetLAN turns shop-network mode on or off (owner only) and starts or stops the server at once. The
// port is opened first: only once it listens is the setting saved and the change logged, and when it
// cannot be opened the server goes on as it was.
func (s *System) SetLAN(in settings.LAN) (out LANStatus, err error) {
	var before, saved settings.LAN
	var wasRunning, changed bool
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) (err error) {
		if s.core.LAN == nil {
			return errs.Conflict("", "此运行方式不支持局域网模式", nil)
		}
		if before, err = settings.LoadLAN(ctx, tx); err != nil {
			return err
		}
		if saved, err = settings.SaveLAN(ctx, tx, in); err != nil {
			return err
		}
		action := "关闭局域网模式"
		if in.Enabled {
			action = "开启局域网模式"
		}
		if err := s.core.log(ctx, tx, a, action, "rules", 0, "局域网模式", map[string]int{"port": in.Port}); err != nil {
			return err
		}
		wasRunning = s.core.LAN.Running()
		if saved.Enabled {
			if err := s.core.LAN.Start(saved.Port); err != nil {
				return errs.Conflict("port", fmt.Sprintf("端口 %d 无法使用（可能已被其他程序占用），请换一个端口；局域网设置未改变", saved.Port), nil)
			}
		} else if err := s.core.LAN.Stop(); err != nil {
			return errs.Internal("stop lan", err)
		}
		changed = true
		return nil
	})
	if err != nil && changed {
		// Not saved after all: put the server back as the saved setting has it.
		if wasRunning {
			s.core.LAN.Start(before.Port)
		} else {
			s.core.LAN.Stop()
		}
	}
	if err != nil {
		return out, err
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
