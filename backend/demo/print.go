package demo

import (
	"context"
	"database/sql"
	"fmt"
	"image/color"

	"jiuke/backend/print"
)

// fillPrint gives the demo shop's posters something to show: the classic layout, each staff member's
// poster phone, and a hand-drawn-looking map of every venue its events use.
func fillPrint(ctx context.Context, tx *sql.Tx, staffIDs []int64) error {
	if _, err := print.SaveStyle(ctx, tx, print.Style{Layout: print.Classic, Wording: print.DefaultWording}); err != nil {
		return err
	}
	for i, id := range staffIDs {
		if err := print.SavePhone(ctx, tx, id, fmt.Sprintf("1390280%04d", 1001+i)); err != nil {
			return err
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT venue FROM events WHERE venue <> '' ORDER BY venue`)
	if err != nil {
		return err
	}
	var venues []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return err
		}
		venues = append(venues, v)
	}
	rows.Close()
	for _, v := range venues {
		png, err := venueMap(v)
		if err != nil {
			return err
		}
		if err := print.SaveImage(ctx, tx, print.Map, v, png); err != nil {
			return err
		}
	}
	return nil
}

// venueMap draws a small street map with the venue marked, as a shop would sketch or screenshot one.
func venueMap(venue string) ([]byte, error) {
	m := print.NewRaster(600, 80, 40)
	grey := color.RGBA{90, 90, 90, 255}
	red := color.RGBA{0xC0, 0x30, 0x30, 255}
	m.Fill(0, 0, 80, 40, color.RGBA{0xEE, 0xF1, 0xE8, 255})
	m.Fill(0, 17, 80, 5, color.RGBA{255, 255, 255, 255})
	m.Fill(46, 0, 4, 40, color.RGBA{255, 255, 255, 255})
	m.Fill(0, 32, 80, 3, color.RGBA{0xB8, 0xD4, 0xE8, 255})
	m.Fill(52, 9, 6, 6, red)
	m.Text(4, 17.6, 3.2, "春熙路", grey)
	m.Text(51, 24, 3, "红星路", grey)
	m.Text(4, 4, 3.4, venue, red)
	return m.PNG()
}
