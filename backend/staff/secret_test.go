package staff

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/store/storetest"
)

// bcrypt reads 72 bytes: a 25-character Chinese password (75 bytes) was a 500; it is now a clear
// refusal naming the limit, while 24 Chinese characters (72 bytes) still work and sign in.
func TestPasswordsAreBoundedInBytes(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	long, fits := strings.Repeat("酒", 25), strings.Repeat("酒", 24)
	err := db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := Create(ctx, tx, StaffInput{Name: "刘店长", Role: Manager, Active: true, Secret: long})
		return err
	})
	var e *errs.Error
	if !errors.As(err, &e) || e.Code != errs.CodeInvalid || e.Field != "secret" || !strings.Contains(e.Message, "72字节") {
		t.Fatalf("a 75-byte password: %v", err)
	}
	var id int64
	if err := db.WithTx(ctx, func(tx *sql.Tx) error {
		m, err := Create(ctx, tx, StaffInput{Name: "刘店长", Role: Manager, Active: true, Secret: fits})
		id = m.ID
		return err
	}); err != nil {
		t.Fatalf("a 72-byte password: %v", err)
	}
	if err := db.WithTx(ctx, func(tx *sql.Tx) error {
		at, err := CheckSecret(ctx, tx, id, fits, time.Now())
		if err == nil && at.Err != nil {
			err = at.Err
		}
		return err
	}); err != nil {
		t.Fatalf("signing in with the 72-byte password: %v", err)
	}
}
