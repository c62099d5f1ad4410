package app

import (
	"time"

	"jiuke/backend/reports"
	"jiuke/backend/store"
)

// Reports is the home page's figures and the reports page (报表): charts and their exports.
type Reports struct{ core *Core }

// Dashboard is every figure of the home page in one read, for today in the shop's time zone.
func (s *Reports) Dashboard() (reports.Dashboard, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return reports.Dashboard{}, err
	}
	return reports.Load(ctx, db, time.Now().In(store.Shop))
}
