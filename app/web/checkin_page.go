package web

import (
	"bytes"
	"html/template"
	"log"
	"net/http"
)

// The check-in page: one small self-contained HTML page (inline style, no script, no external file)
// for a phone on the shop Wi-Fi. html/template escapes every value.
var checkinPage = template.Must(template.New("checkin").Parse(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{{if .Inv.Event}}{{.Inv.Event}} · {{end}}{{if .WalkIn}}现场登记{{else}}宾客签到{{end}}</title>
<style>
body{margin:0;font-family:-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;background:#f6f1ee;color:#2b2124}
main{max-width:480px;margin:0 auto;padding:20px 18px 40px}
header{background:#7b1e2b;color:#fff;padding:22px 18px;border-radius:0 0 14px 14px}
header h1{margin:0;font-size:22px;line-height:1.35}
header p{margin:6px 0 0;opacity:.9;font-size:15px}
.card{background:#fff;border-radius:12px;padding:18px;margin-top:16px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.hello{font-size:20px;margin:0 0 10px}
dl{margin:0}dt{color:#8a7b7e;font-size:13px;margin-top:10px}dd{margin:2px 0 0;font-size:16px}
button{width:100%;margin-top:18px;padding:15px;font-size:19px;border:0;border-radius:10px;background:#7b1e2b;color:#fff}
label{display:block;margin-top:14px;font-size:15px}
input{box-sizing:border-box;width:100%;margin-top:6px;padding:12px;font-size:18px;border:1px solid #cdbfc2;border-radius:8px}
input[aria-invalid=true]{border-color:#c0392b}
.error{background:#fdecea;color:#a02a1f;border-radius:10px;padding:14px;margin-top:16px;font-size:16px}
.ok{text-align:center}
.ok .tick{font-size:44px;color:#2e7d32;margin:0}
.table{font-size:64px;font-weight:700;color:#7b1e2b;margin:8px 0;letter-spacing:2px}
.small{color:#8a7b7e;font-size:14px}
</style></head><body>
<header><h1 id="event">{{if .Inv.Event}}{{.Inv.Event}}{{else}}酒客通 · 宾客签到{{end}}</h1>{{if .Inv.Theme}}<p>{{.Inv.Theme}}</p>{{end}}</header>
<main>
{{if .Error}}<div class="error" role="alert" id="error">{{.Error}}</div>{{end}}
{{if .Receipt.Name}}
<div class="card ok" id="receipt"><p class="tick">✓</p><p class="hello">{{.Receipt.Name}}，您好</p><p>{{.Receipt.Message}}</p></div>
{{else if .Inv.CheckedIn}}
<div class="card ok" id="done"><p class="tick">✓</p>
<p class="hello">{{.Inv.Salutation}}，{{if .Confirmed}}签到成功，欢迎光临{{else}}您已签到{{end}}</p>
{{if .Inv.Table}}<p class="small">您的桌号</p><p class="table" id="table">{{.Inv.Table}}</p>{{else}}<p id="table">请到签到台，工作人员为您安排座位</p>{{end}}
{{if .Inv.CheckedAt}}<p class="small">签到时间 {{.Inv.CheckedAt}}{{if .Inv.Points}} · 获赠 {{.Inv.Points}} 积分{{end}}</p>{{end}}</div>
{{else if .Inv.Salutation}}
<div class="card"><p class="hello" id="hello">尊敬的{{.Inv.Salutation}}：</p><p>诚邀您出席本次活动，到场后请点击下方按钮签到。</p>
{{template "details" .}}
<form method="post"><button type="submit" id="confirm">确认签到</button></form></div>
{{else if .Inv.WalkIn}}
<div class="card"><p class="hello">欢迎光临</p><p>未收到邀请函的来宾，请留下姓名和手机号，工作人员确认后为您安排座位。</p>
{{template "details" .}}
<form method="post">
<label>姓名<input name="name" id="name" maxlength="20" required value="{{.Name}}" autocomplete="name"{{if eq .Field "name"}} aria-invalid="true"{{end}}></label>
<label>手机号<input name="mobile" id="mobile" inputmode="numeric" maxlength="20" required value="{{.Mobile}}" autocomplete="tel"{{if eq .Field "mobile"}} aria-invalid="true"{{end}}></label>
<button type="submit" id="send">提交登记</button></form></div>
{{end}}
</main></body></html>
{{define "details"}}<dl><dt>时间</dt><dd id="when">{{.Inv.When}}</dd>{{if .Inv.Venue}}<dt>地点</dt><dd>{{.Inv.Venue}}{{if .Inv.Address}}（{{.Inv.Address}}）{{end}}</dd>{{end}}
{{if .Inv.Host}}<dt>接待</dt><dd>{{.Inv.Host}}</dd>{{end}}</dl>{{end}}`))

func render(w http.ResponseWriter, status int, v pageView) {
	var buf bytes.Buffer
	if err := checkinPage.Execute(&buf, v); err != nil {
		log.Printf("check-in page: %v", err)
		http.Error(w, "页面出错，请到签到台由工作人员为您签到", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}
