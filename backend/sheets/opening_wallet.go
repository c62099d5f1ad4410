package sheets

import (
	"context"
	"fmt"

	"jiuke/backend/members"
	"jiuke/backend/store"
	"jiuke/backend/wallet"
)

// openingWallet books the ledger's stored value (期初储值本金 / 期初储值赠送) as one opening entry in
// the wallet ledger, the way openingPoints books points: under update only for a customer with no
// stored-value history, overwrite books the difference that makes the balances the file's, merge adds
// the file's to what the customer has. The named-card cap refuses the row, naming the cap.
func (im *importer) openingWallet(id int64, r record, mode string) error {
	principal, bonus := r.principal, r.bonus
	if mode == PolicyUpdate || mode == PolicyOverwrite {
		n, err := wallet.Entries(im.ctx, im.tx, id)
		if err != nil {
			return err
		}
		bal, err := wallet.BalanceOf(im.ctx, im.tx, id)
		if err != nil {
			return err
		}
		switch {
		case mode == PolicyUpdate && n > 0:
			if bal.PrincipalFen != principal || bal.BonusFen != bonus {
				im.warn(Issue{Row: r.row, Col: -1, Value: yuan(principal) + " / " + yuan(bonus), Reason: "已有储值，未导入期初储值",
					Message: fmt.Sprintf("该客户已有储值（本金 %s，赠送 %s），表中的本金 %s、赠送 %s 未导入（补全空白只填空白项）",
						yuan(bal.PrincipalFen), yuan(bal.BonusFen), yuan(principal), yuan(bonus))})
			}
			return nil
		case mode == PolicyOverwrite:
			principal -= bal.PrincipalFen
			bonus -= bal.BonusFen
		}
	}
	if _, err := wallet.Opening(im.ctx, im.tx, wallet.OpeningInput{CustomerID: id, PrincipalFen: principal, BonusFen: bonus,
		BatchID: im.batchID, Row: r.row}, im.req.StaffID); err != nil {
		return im.asRowFailure(r, err)
	}
	im.res.Summary.OpeningPrincipalFen += principal
	im.res.Summary.OpeningBonusFen += bonus
	// The balance belongs to the customer; only a card lets the counter spend it.
	if _, has, err := members.CurrentCard(im.ctx, im.tx, id); err != nil {
		return err
	} else if !has {
		im.warn(Issue{Row: r.row, Col: -1, Value: yuan(r.principal + r.bonus), Reason: "有储值但没有会员卡",
			Message: "该客户有期初储值但没有会员卡：储值已记入，办理会员卡后才能在收银时使用"})
	}
	return nil
}

// openingCap is the named-card cap on principal when the owner keeps it on, else 0.
func openingCap(ctx context.Context, q store.Querier) (int64, error) {
	r, err := wallet.LoadRules(ctx, q)
	if err != nil || !r.CapOn {
		return 0, err
	}
	return r.CapFen, nil
}

// overCap fails a row whose opening principal alone passes the cap. A new customer's row is refused
// here, before anything of it is written (the bulk path writes without a savepoint); the sum with an
// existing customer's balance is checked again when the entry is booked.
func (p *parser) overCap(row int, cells []string, principal int64) *Issue {
	if p.walletCap == 0 || principal <= p.walletCap {
		return nil
	}
	is := Issue{Row: row, Col: p.colOf("openingPrincipal"), Reason: "期初储值本金超出记名卡上限"}
	if is.Col >= 0 && is.Col < len(cells) {
		is.Value = cells[is.Col]
	}
	for _, c := range p.cols {
		if c.Index == is.Col {
			is.Column = c.Header
		}
	}
	is.Message = fmt.Sprintf("第 %d 行「%s」列：期初储值本金 %s 超出记名卡余额上限 %s（超出 %s）；请核对余额，或在储值规则中调整上限后再导入此行",
		row, is.Column, yuan(principal), yuan(p.walletCap), yuan(principal-p.walletCap))
	return &is
}
