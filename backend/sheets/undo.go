package sheets

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/points"
	"jiuke/backend/sales"
	"jiuke/backend/store"
	"jiuke/backend/wallet"
)

// Activity is something that happened to a customer of a batch after the batch landed.
type Activity struct {
	CustomerID int64  `json:"customerId"`
	Name       string `json:"name"`
	What       string `json:"what"`
	At         string `json:"at"`
}

// UndoResult says what undoing a batch did.
type UndoResult struct {
	BatchID  int64 `json:"batchId"`
	Removed  int64 `json:"removed"`  // customers the batch created, deleted
	Archived int64 `json:"archived"` // created customers kept archived: their ledger entries (reversed) stay
	Restored int   `json:"restored"` // existing customers put back as they were
	// PointsReversed is the net of the reversing entries booked (the ledger is append-only).
	PointsReversed int64 `json:"pointsReversed"`
	Purchases      int64 `json:"purchases"`
	// OpeningSpendFen is the opening spend (期初累计消费) the batch had booked, now removed.
	OpeningSpendFen int64 `json:"openingSpendFen"`
	// The opening stored value (期初储值) reversed by appended entries, and the sum in words for the log.
	WalletPrincipalFen int64  `json:"walletPrincipalFen"`
	WalletBonusFen     int64  `json:"walletBonusFen"`
	WalletWords        string `json:"walletWords,omitempty"`
}

// marks are the highest ids of the activity tables when a batch started.
type marks struct {
	Points       int64 `json:"points"`
	Purchases    int64 `json:"purchases"`
	FollowUps    int64 `json:"followUps"`
	LevelChanges int64 `json:"levelChanges"`
	Redemptions  int64 `json:"redemptions"`
	Merges       int64 `json:"merges"`
	Cards        int64 `json:"cards"`
	// Member-wallet ledgers (batches before them have 0: every entry of their customers counts).
	Wallet  int64 `json:"wallet"`
	Wine    int64 `json:"wine"`
	Coupons int64 `json:"coupons"`
}

const marksQuery = `SELECT (SELECT COALESCE(MAX(id), 0) FROM points_entries), (SELECT COALESCE(MAX(id), 0) FROM purchases),
	(SELECT COALESCE(MAX(id), 0) FROM follow_ups), (SELECT COALESCE(MAX(id), 0) FROM level_changes),
	(SELECT COALESCE(MAX(id), 0) FROM redemptions), (SELECT COALESCE(MAX(id), 0) FROM customer_merges), (SELECT COALESCE(MAX(id), 0) FROM cards),
	(SELECT COALESCE(MAX(id), 0) FROM wallet_entries), (SELECT COALESCE(MAX(id), 0) FROM wine_entries), (SELECT COALESCE(MAX(id), 0) FROM coupons)`

// activityQuery finds what happened to the batch's customers (those it created, those it changed)
// since it started, apart from what the batch itself wrote: new rows by id, edits by time.
const activityQuery = `WITH s(id) AS (
		SELECT id FROM customers WHERE id BETWEEN :from AND :to
		UNION SELECT customer_id FROM import_changes WHERE batch_id = :b)
	SELECT c.id, c.name, '资料已修改', c.updated_at FROM customers c WHERE c.id IN s AND c.updated_at > :finished
	UNION ALL SELECT f.customer_id, c.name, '新增回访', f.created_at FROM follow_ups f JOIN customers c ON c.id = f.customer_id
		WHERE f.customer_id IN s AND f.id > :followUps
	UNION ALL SELECT p.customer_id, c.name, '新增消费', p.created_at FROM purchases p JOIN customers c ON c.id = p.customer_id
		WHERE p.customer_id IN s AND COALESCE(p.import_batch_id, 0) != :b AND p.id > :purchases
	UNION ALL SELECT e.customer_id, c.name, '积分变动', e.created_at FROM points_entries e JOIN customers c ON c.id = e.customer_id
		WHERE e.customer_id IN s AND NOT (e.ref_type = 'import' AND e.ref_id = :b) AND e.id > :points
	UNION ALL SELECT r.customer_id, c.name, '积分兑换', r.created_at FROM redemptions r JOIN customers c ON c.id = r.customer_id
		WHERE r.customer_id IN s AND (r.id > :redemptions OR r.cancelled_at > :finished)
	UNION ALL SELECT p.customer_id, c.name, '退货', r.created_at FROM refunds r JOIN purchases p ON p.id = r.purchase_id
		JOIN customers c ON c.id = p.customer_id WHERE p.import_batch_id = :b
	UNION ALL SELECT l.customer_id, c.name, '会员等级变动', l.created_at FROM level_changes l JOIN customers c ON c.id = l.customer_id
		WHERE l.customer_id IN s AND COALESCE(l.import_batch_id, 0) != :b AND l.id > :levelChanges
	UNION ALL SELECT k.customer_id, c.name, '会员卡变动', k.changed_at FROM cards k JOIN customers c ON c.id = k.customer_id
		WHERE k.customer_id IN s AND (k.id > :cards AND COALESCE(k.import_batch_id, 0) != :b OR k.changed_at > :finished)
	UNION ALL SELECT w.customer_id, c.name, '储值变动', w.created_at FROM wallet_entries w JOIN customers c ON c.id = w.customer_id
		WHERE w.customer_id IN s AND COALESCE(w.batch_id, 0) != :b AND w.id > :wallet
	UNION ALL SELECT w.customer_id, c.name, '存酒：' || p.name || '（' || w.qty || ' 瓶）', w.created_at FROM wine_entries w
		JOIN customers c ON c.id = w.customer_id JOIN products p ON p.id = w.product_id
		WHERE (w.customer_id IN s OR w.purchase_id IN (SELECT id FROM purchases WHERE import_batch_id = :b)) AND w.id > :wine
	UNION ALL SELECT k.customer_id, c.name, '获得优惠券', k.created_at FROM coupons k JOIN customers c ON c.id = k.customer_id
		WHERE k.customer_id IN s AND k.id > :coupons
	UNION ALL SELECT m.survivor_id, c.name, '客户合并', m.created_at FROM customer_merges m JOIN customers c ON c.id = m.survivor_id
		WHERE (m.survivor_id IN s OR m.merged_id IN s) AND m.id > :merges
	UNION ALL SELECT c.id, c.name, '宴席记录', b.created_at FROM banquets b JOIN customers c ON c.id IN (b.host_id, b.venue_id)
		WHERE c.id BETWEEN :from AND :to
	UNION ALL SELECT c.id, c.name, '返利支付记录', r.created_at FROM rebate_payouts r JOIN customers c ON c.id = r.customer_id
		WHERE c.id BETWEEN :from AND :to
	UNION ALL SELECT c.id, c.name, '活动报名记录', g.created_at FROM event_guests g JOIN customers c ON c.id = g.customer_id
		WHERE c.id BETWEEN :from AND :to
	UNION ALL SELECT c.id, c.name, '扫码签到登记', w.created_at FROM event_walkin_requests w JOIN customers c ON c.id = w.customer_id
		WHERE c.id BETWEEN :from AND :to
	UNION ALL SELECT c.id, c.name, '被其他客户设为推荐人', o.updated_at FROM customers o JOIN customers c ON c.id = o.referrer_id
		WHERE o.referrer_id IN s AND o.id NOT IN s AND o.updated_at > :finished
	LIMIT 200`

// keptUses are records of other domains that name a customer the batch created: undoing would have to
// delete the customer under them (the database refuses), so the refusal names the customer and the record.
// Only customers the batch created count: a customer it merely changed stays, and so do their records.
var keptUses = map[string]bool{"宴席记录": true, "返利支付记录": true, "活动报名记录": true, "扫码签到登记": true}

// Activities lists what happened to a batch's customers since it landed; undo is refused while
// there is any, because undoing would silently take that work with it.
func Activities(ctx context.Context, q store.Querier, b Batch) ([]Activity, error) {
	m := b.marks
	rows, err := q.QueryContext(ctx, activityQuery, sql.Named("from", b.createdFrom), sql.Named("to", b.createdTo),
		sql.Named("b", b.ID), sql.Named("finished", b.FinishedAt), sql.Named("points", m.Points), sql.Named("purchases", m.Purchases),
		sql.Named("followUps", m.FollowUps), sql.Named("levelChanges", m.LevelChanges), sql.Named("redemptions", m.Redemptions),
		sql.Named("merges", m.Merges), sql.Named("cards", m.Cards), sql.Named("wallet", m.Wallet), sql.Named("wine", m.Wine),
		sql.Named("coupons", m.Coupons))
	if err != nil {
		return nil, errs.Internal("batch activity", err)
	}
	defer rows.Close()
	out := []Activity{}
	for rows.Next() {
		var a Activity
		if err := rows.Scan(&a.CustomerID, &a.Name, &a.What, &a.At); err != nil {
			return nil, errs.Internal("scan activity", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Undo takes a whole batch back in the caller's transaction: customers it created are deleted (or,
// when their opening points are in the append-only ledger, archived with the points reversed),
// customers it changed get their profile and level back, its purchases, opening spend, cards and
// level history go.
func Undo(ctx context.Context, tx *sql.Tx, batchID, staffID int64) (UndoResult, error) {
	res := UndoResult{BatchID: batchID}
	b, err := GetBatch(ctx, tx, batchID)
	if err != nil {
		return res, err
	}
	if b.UndoneAt != "" {
		return res, errs.Conflict("", fmt.Sprintf("导入批次 #%d 已于 %s 撤销", b.ID, b.UndoneAt), nil)
	}
	acts, err := Activities(ctx, tx, b)
	if err != nil {
		return res, err
	}
	if len(acts) > 0 {
		msg := fmt.Sprintf("导入后已有 %d 条新的记录（如消费、积分、资料修改），不能撤销整批导入；请逐个处理这些客户", len(acts))
		named := false
		// Stored wine is the customer's property on the shop's shelf and its ledger is kept forever, even
		// once every bottle is taken out: the batch's customer and purchases must stay, so say whose wine.
		for _, a := range acts {
			if product, ok := strings.CutPrefix(a.What, "存酒："); ok {
				msg = fmt.Sprintf("「%s」导入后有「%s」的存酒记录（存酒记录永久保留，取完酒也不会删除），不能撤销整批导入；共 %d 条新的记录，请逐个处理这些客户",
					a.Name, product, len(acts))
				break
			}
			if keptUses[a.What] && !named {
				named = true
				msg = fmt.Sprintf("「%s」导入后有%s，不能撤销整批导入（撤销会删除该客户）；共 %d 条新的记录，请逐个处理这些客户",
					a.Name, a.What, len(acts))
			}
		}
		return res, errs.Conflict("", msg, map[string]any{"activities": acts})
	}
	if res.PointsReversed, err = reversePoints(ctx, tx, b.ID, staffID); err != nil {
		return res, err
	}
	back, err := wallet.ReverseImport(ctx, tx, b.ID, staffID)
	if err != nil {
		return res, err
	}
	res.WalletPrincipalFen, res.WalletBonusFen = back.PrincipalFen, back.BonusFen
	if res.Purchases, err = sales.DeleteImported(ctx, tx, b.ID); err != nil {
		return res, err
	}
	if res.OpeningSpendFen, err = customers.DeleteImportedOpeningSpend(ctx, tx, b.ID); err != nil {
		return res, err
	}
	for _, q := range []string{`DELETE FROM level_changes WHERE import_batch_id = ?`, `DELETE FROM cards WHERE import_batch_id = ?`} {
		if _, err := tx.ExecContext(ctx, q, b.ID); err != nil {
			return res, errs.Internal("undo import", err)
		}
	}
	if res.Restored, err = restoreChanged(ctx, tx, b.ID); err != nil {
		return res, err
	}
	if res.Removed, res.Archived, err = removeCreated(ctx, tx, b); err != nil {
		return res, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE import_batches SET undone_at = ?, undone_by = ? WHERE id = ?`, store.Now(), store.Nullable(staffID), b.ID); err != nil {
		return res, errs.Internal("mark batch undone", err)
	}
	return res, nil
}

// reversePoints books the opposite of every ledger entry the batch made, each against its own lot.
func reversePoints(ctx context.Context, tx *sql.Tx, batchID, staffID int64) (int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, customer_id, points FROM points_entries WHERE ref_type = 'import' AND ref_id = ? ORDER BY id`, batchID)
	if err != nil {
		return 0, errs.Internal("batch points", err)
	}
	type entry struct{ id, customer, points int64 }
	var list []entry
	for rows.Next() {
		var e entry
		if err := rows.Scan(&e.id, &e.customer, &e.points); err != nil {
			rows.Close()
			return 0, errs.Internal("scan batch points", err)
		}
		list = append(list, e)
	}
	rows.Close()
	var net int64
	for _, e := range list {
		b := points.Booking{CustomerID: e.customer, Kind: points.KindReverse, Points: e.points, Reason: fmt.Sprintf("撤销导入批次 #%d", batchID),
			RefType: "import-undo", RefID: batchID, Key: fmt.Sprintf("import-undo:%d", e.id), StaffID: staffID, FirstLot: e.id}
		if e.points > 0 {
			_, _, err = points.Debit(ctx, tx, b)
		} else {
			b.Points = -e.points
			_, _, err = points.Credit(ctx, tx, b)
		}
		if err != nil {
			return 0, err
		}
		net += e.points
	}
	return net, nil
}

func restoreChanged(ctx context.Context, tx *sql.Tx, batchID int64) (int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT customer_id, before FROM import_changes WHERE batch_id = ?`, batchID)
	if err != nil {
		return 0, errs.Internal("changed customers", err)
	}
	type change struct {
		id int64
		b  before
	}
	var list []change
	for rows.Next() {
		var c change
		var data string
		if err := rows.Scan(&c.id, &data); err != nil {
			rows.Close()
			return 0, errs.Internal("scan changed customer", err)
		}
		if err := json.Unmarshal([]byte(data), &c.b); err != nil {
			rows.Close()
			return 0, errs.Internal("changed customer snapshot", err)
		}
		list = append(list, c)
	}
	rows.Close()
	for _, c := range list {
		if _, err := customers.Update(ctx, tx, c.id, c.b.Input); err != nil {
			return 0, err
		}
		if c.b.LevelID == 0 {
			_, err = tx.ExecContext(ctx, `DELETE FROM memberships WHERE customer_id = ?`, c.id)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE memberships SET level_id = ?, level_since = ? WHERE customer_id = ?`, c.b.LevelID, c.b.LevelSince, c.id)
		}
		if err != nil {
			return 0, errs.Internal("restore membership", err)
		}
	}
	return len(list), nil
}

// removeCreated deletes the customers the batch created. The ledger keeps every entry forever, so a
// customer with (now reversed) opening points stays, archived, without a mobile to block a re-import.
func removeCreated(ctx context.Context, tx *sql.Tx, b Batch) (removed, archived int64, err error) {
	if b.createdTo < b.createdFrom {
		return 0, 0, nil
	}
	keep := `(EXISTS (SELECT 1 FROM points_entries e WHERE e.customer_id = customers.id)
		OR EXISTS (SELECT 1 FROM wallet_entries w WHERE w.customer_id = customers.id))`
	steps := []struct {
		q   string
		n   *int64
		arg []any
	}{
		{`UPDATE customers SET referrer_id = NULL WHERE id BETWEEN ? AND ? AND referrer_id IS NOT NULL`, nil, nil},
		{`DELETE FROM memberships WHERE customer_id BETWEEN ? AND ?`, nil, nil},
		{`UPDATE customers SET mobile = NULL, mobile_last4 = NULL, archived = 1, archive_reason = ?, archived_at = ?, updated_at = ?
			WHERE id BETWEEN ? AND ? AND ` + keep, &archived, []any{fmt.Sprintf("导入批次 #%d 已撤销", b.ID), store.Now(), store.Now()}},
		{`DELETE FROM customer_grams WHERE rowid IN (SELECT id FROM customers WHERE id BETWEEN ? AND ? AND NOT ` + keep + `)`, nil, nil},
		// Tags, smart ones above all (a rule on 累计消费 picks up imported customers at once), go with
		// the customer; a manual tag given since is labelling, not business the undo would lose.
		{`DELETE FROM customer_tags WHERE customer_id IN (SELECT id FROM customers WHERE id BETWEEN ? AND ? AND NOT ` + keep + `)`, nil, nil},
		{`DELETE FROM customers WHERE id BETWEEN ? AND ? AND NOT ` + keep, &removed, nil},
	}
	for _, s := range steps {
		r, err := tx.ExecContext(ctx, s.q, append(s.arg, b.createdFrom, b.createdTo)...)
		if err != nil {
			return 0, 0, errs.Internal("remove imported customers", err)
		}
		if s.n != nil {
			*s.n, _ = r.RowsAffected()
		}
	}
	return removed, archived, nil
}
