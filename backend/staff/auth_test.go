package staff

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/store/storetest"
)

// The pause after each wrong try, to the 100th: none before the 5th, then 30 s doubling, and never
// past 15 minutes (a plain shift went negative from about the 34th miss and zero from the 59th).
func TestPauseSaturatesAtTheMaximum(t *testing.T) {
	want := map[int]time.Duration{1: 0, 4: 0, 5: 30 * time.Second, 6: time.Minute, 7: 2 * time.Minute,
		8: 4 * time.Minute, 9: 8 * time.Minute, 10: 15 * time.Minute}
	prev := time.Duration(0)
	for tries := 1; tries <= 100; tries++ {
		got := pauseAfter(tries)
		if w, ok := want[tries]; ok && got != w {
			t.Errorf("try %d: pause %v, want %v", tries, got, w)
		}
		if tries > 10 && got != maxPause {
			t.Errorf("try %d: pause %v, want the maximum %v", tries, got, maxPause)
		}
		if got < prev {
			t.Errorf("try %d: pause %v shorter than the one before (%v)", tries, got, prev)
		}
		prev = got
	}
}

// Through the database: the 34th, 59th and 100th misses still pause the account for 15 minutes.
func TestManyWrongTriesKeepTheAccountPaused(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	var m Member
	err := db.WithTx(ctx, func(tx *sql.Tx) (err error) {
		m, err = Create(ctx, tx, StaffInput{Name: "小王", Role: Clerk, Active: true, Secret: "6688"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	for _, before := range []int{33, 58, 99} {
		if _, err := db.W.ExecContext(ctx, `UPDATE staff SET failed_attempts = ?, locked_until = NULL WHERE id = ?`, before, m.ID); err != nil {
			t.Fatal(err)
		}
		var at Attempt
		err := db.WithTx(ctx, func(tx *sql.Tx) (err error) {
			at, err = CheckSecret(ctx, tx, m.ID, "0000", now)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if at.Err == nil || !strings.Contains(at.Err.Error(), "暂停 900 秒") {
			t.Fatalf("miss %d: %v", before+1, at.Err)
		}
		var until string
		if err := db.R.QueryRowContext(ctx, `SELECT locked_until FROM staff WHERE id = ?`, m.ID).Scan(&until); err != nil {
			t.Fatal(err)
		}
		if want := now.Add(15 * time.Minute).Format(time.RFC3339); until != want {
			t.Fatalf("miss %d: locked until %s, want %s", before+1, until, want)
		}
		// A right PIN a minute later is still refused.
		err = db.WithTx(ctx, func(tx *sql.Tx) (err error) {
			at, err = CheckSecret(ctx, tx, m.ID, "6688", now.Add(time.Minute))
			return err
		})
		if err != nil || at.Err == nil || !strings.Contains(at.Err.Error(), "秒后再试") {
			t.Fatalf("miss %d: signed in during the pause: %v %v", before+1, at.Err, err)
		}
	}
}

func TestGuessablePINsAreRefused(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	for i, tc := range []struct {
		pin string
		ok  bool
	}{
		{"1111", false}, {"0000", false}, {"99999999", false}, {"1234", false}, {"0123", false},
		{"12345678", false}, {"9876", false}, {"3210", false}, {"6543210", false},
		{"6688", true}, {"1357", true}, {"2468", true}, {"1233", true}, {"9870", true}, {"1112", true}, {"8901", true},
	} {
		err := db.WithTx(ctx, func(tx *sql.Tx) error {
			_, err := Create(ctx, tx, StaffInput{Name: fmt.Sprintf("店员%d", i), Role: Clerk, Active: true, Secret: tc.pin})
			return err
		})
		if tc.ok {
			if err != nil {
				t.Errorf("PIN %s refused: %v", tc.pin, err)
			}
			continue
		}
		var e *errs.Error
		if !errors.As(err, &e) || e.Code != errs.CodeInvalid || e.Field != "secret" || !strings.Contains(e.Message, "PIN") {
			t.Errorf("PIN %s: %v", tc.pin, err)
		}
	}
	// Editing an account checks the new PIN the same way.
	err := db.WithTx(ctx, func(tx *sql.Tx) error {
		m, err := Create(ctx, tx, StaffInput{Name: "刘店长", Role: Manager, Active: true, Secret: "5790"})
		if err != nil {
			return err
		}
		_, err = Update(ctx, tx, m.ID, StaffInput{Name: "刘店长", Role: Manager, Active: true, Secret: "4444"})
		return err
	})
	if err == nil {
		t.Fatal("PIN 4444 accepted on edit")
	}
}
