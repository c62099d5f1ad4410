package coupons_test

import (
	"bytes"
	"database/sql"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiuke/backend/wallet/coupons"
)

func TestReportCountsPerTypeAndCampaignAndExports(t *testing.T) {
	s := newShop(t)
	id := s.member("张三", "13800000001")
	a := s.cash(5000, true)
	b := s.saveType(coupons.Type{Name: "满1000减100", Kind: coupons.KindThreshold, ValueFen: 10000, ThresholdFen: 100000, ValidDays: 9,
		WithMemberPrice: true, Campaign: "冬季酱香节"})
	used, voided := s.issue(a.ID, id), s.issue(a.ID, id)
	s.issue(b.ID, id)
	s.rawCoupon(a.ID, id, daysFromToday(-1))
	_, err := s.buy(id, 1, used.Code)
	s.must(err)
	s.must(s.tx(func(tx *sql.Tx) error {
		if _, err := coupons.Void(ctx, tx, coupons.VoidInput{Code: voided.Code, Reason: "错发", Key: "v"}, 0); err != nil {
			return err
		}
		_, err := coupons.ExpireNow(ctx, tx)
		return err
	}))
	today := daysFromToday(0)
	r, err := coupons.LoadReport(ctx, s.db.R, coupons.Range{From: today, To: today})
	s.must(err)
	want := coupons.ReportRow{Name: "合计", Issued: 4, Used: 1, Voided: 1, Expired: 1, DiscountFen: 5000}
	if r.Total != want || len(r.ByType) != 2 || len(r.ByCampaign) != 3 || r.ByCampaign[2].Name != "（未指定活动）" {
		t.Fatalf("report %+v", r)
	}
	if got := r.ByType[0]; got.Name != a.Name || got.Issued != 3 || got.Used != 1 {
		t.Fatalf("by type %+v", r.ByType)
	}
	if r, _ := coupons.LoadReport(ctx, s.db.R, coupons.Range{From: daysFromToday(-10), To: daysFromToday(-1)}); r.Total.Issued != 0 {
		t.Fatalf("a span before today counted %+v", r.Total)
	}
	_, err = coupons.LoadReport(ctx, s.db.R, coupons.Range{From: today, To: daysFromToday(-1)})
	refused(t, err, "to", "不能早于开始日期")
	var buf bytes.Buffer
	n, err := coupons.WriteReport(&buf, r)
	s.must(err)
	f, err := excelize.OpenReader(&buf)
	s.must(err)
	if v, _ := f.GetCellValue("按活动", "A1"); v != "活动" || n != 7 {
		t.Fatalf("xlsx header %q rows %d", v, n)
	}
	if v, _ := f.GetCellValue("按券类型", "B4"); v != "4" {
		t.Fatalf("xlsx total issued %q", v)
	}
}
