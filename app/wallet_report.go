package app

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"

	"jiuke/backend/sheets"
	"jiuke/backend/wallet"
)

// Liability is the stored-value report (预收款): the balance at a date, flows per day or month and per
// staff, and the balance at each quarter's end with the custody the enterprise's tier calls for.
func (s *Wallet) Liability(in wallet.LiabilityQuery) (wallet.Liability, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return wallet.Liability{}, err
	}
	return wallet.LoadLiability(ctx, db, in)
}

// ExportLiability writes the report as an .xlsx download.
func (s *Wallet) ExportLiability(in wallet.LiabilityQuery) (ExportFile, error) {
	p, err := s.core.gate()
	if err != nil {
		return ExportFile{}, err
	}
	if _, err := wallet.LoadLiability(s.core.context(), s.core.DB.R, in); err != nil {
		return ExportFile{}, err // bad dates are refused before the save dialog
	}
	sh := &Sheets{s.core}
	return sh.exportAs(p, "储值预收款报表", nil, func(ctx context.Context, db *sql.DB, buf *bytes.Buffer) (int, error) {
		l, err := wallet.LoadLiability(ctx, db, in)
		if err != nil {
			return 0, err
		}
		return sheets.WriteTables(buf, liabilityTables(l))
	})
}

// LiabilityTables lays the report out as sheets for the .xlsx export.
func liabilityTables(l wallet.Liability) []sheets.Table {
	money := func(h string) sheets.ExportColumn {
		return sheets.ExportColumn{Header: h, Width: 14, Kind: sheets.KindMoney}
	}
	flowCols := func(first string) []sheets.ExportColumn {
		return []sheets.ExportColumn{{Header: first, Width: 14, Kind: sheets.KindText}, money("充值"), money("赠送"), money("消费"),
			money("退货退回"), money("退卡退款"), money("退卡作废赠送"), money("调整及期初")}
	}
	flows := func(fs []wallet.Flow) [][]any {
		rows := [][]any{}
		for _, f := range fs {
			rows = append(rows, []any{f.Label, f.RechargeFen, f.BonusFen, f.SpendFen, f.RefundFen, f.CloseFen, f.ForfeitFen, f.OtherFen})
		}
		return rows
	}
	qs := [][]any{{"截至 " + l.AsOf, l.Balance.PrincipalFen, l.Balance.BonusFen, l.Balance.Total(), int64(0)}}
	for _, q := range l.Quarters {
		qs = append(qs, []any{q.Label + "末（" + q.End + "）", q.PrincipalFen, q.BonusFen, q.PrincipalFen + q.BonusFen, q.CustodyFen})
	}
	return []sheets.Table{
		{Sheet: "预收款余额", Cols: []sheets.ExportColumn{{Header: "时点", Width: 28, Kind: sheets.KindText}, money("本金"), money("赠送"), money("合计"),
			money(fmt.Sprintf("应存管（%d%%）", l.CustodyPct))}, Rows: qs},
		{Sheet: "按时间", Cols: flowCols("日期"), Rows: flows(l.Periods)},
		{Sheet: "按员工", Cols: flowCols("员工"), Rows: flows(l.Staff)},
	}
}
