package dashboard

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
)

// echartsJS is dist/echarts.min.js of the npm package echarts@5.6.0, inlined so the dashboard
// works offline and trusts no CDN. To update: `npm pack echarts@X`, copy dist/echarts.min.js,
// LICENSE and NOTICE into assets/, check the file has no "</script" or "<!--", and update
// echartsSHA256 and echartsVersion.
//
//go:embed assets/echarts.min.js
var echartsJS []byte

const (
	echartsVersion = "5.6.0"
	// echartsSHA256 pins the vendored file (also verified against npm's sha512 integrity of
	// echarts-5.6.0.tgz when it was vendored).
	echartsSHA256 = "bf4a223524e40b77c304bec67e1222cf551f14880cf42c69dc046558e11c07b1"
)

// initJS draws the charts from the page's JSON data block. It is constant code: user text
// only ever reaches the page as JSON data, never as script.
//
//go:embed assets/init.js
var initJS []byte

// pinnedEcharts returns the embedded ECharts and its sha256, or an error when the file is not
// the pinned one, so a swapped asset can never ship inside a report.
func pinnedEcharts() ([]byte, [32]byte, error) {
	sum := sha256.Sum256(echartsJS)
	if got := hex.EncodeToString(sum[:]); got != echartsSHA256 {
		return nil, sum, fmt.Errorf("embedded echarts.min.js has sha256 %s, want %s", got, echartsSHA256)
	}
	return echartsJS, sum, nil
}
