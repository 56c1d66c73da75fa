#!/usr/bin/env bash
# Regenerates the benchmark fixtures in this folder (deterministic: same bytes every run). See README.md.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p rest
LINES=512   # distinct messages per stream; fixture-exchange --flood sends them round robin
LEVELS=1000 # levels per side of the snapshots

# price CENTS -> decimal text without trailing zeros ("96999.5", "96999"), as exchanges send unpadded prices.
price() {
  local whole=$(($1 / 100)) frac=$(printf '%02d' $(($1 % 100)))
  frac=${frac%0}; frac=${frac%0}
  if [ -n "$frac" ]; then printf '%s.%s' "$whole" "$frac"; else printf '%s' "$whole"; fi
}
# amount UNITS_OF_1E-8 -> "0.00123000" (8 decimals, as Bitstamp's *_str fields).
amount8() { printf '%d.%08d' $(($1 / 100000000)) $(($1 % 100000000)); }
# amount8 without trailing zeros ("0.00123", "2"), as Bitstamp's numeric fields and Bitvavo snapshots.
amount_short() {
  local text; text=$(amount8 "$1")
  while [[ $text == *.*0 ]]; do text=${text%0}; done
  printf '%s' "${text%.}"
}
bid_cents() { echo $((9699999 - $1 * 37)); }  # 96999.99, 96999.62, ... : bids below every ask
ask_cents() { echo $((9700001 + $1 * 37)); }  # 97000.01, 97000.38, ...

# Bitstamp live_trades_btcusd (exchange-messages.md A.3; the shape of ../bitstamp/trades-btcusd.jsonl).
{
  for ((i = 0; i < LINES; i++)); do
    cents=$((9699952 + (i * 7301) % 4001 - 2000))
    units=$(((i * 104729) % 250000000 + 1000))
    seconds=$((1795000000 + i / 50))
    micros=$((seconds * 1000000 + (i * 7919) % 1000000))
    printf '{"data":{"id":%d,"timestamp":"%d","amount":%s,"amount_str":"%s","price":%s,"price_str":"%s",' \
      $((476000001 + i)) "$seconds" "$(amount_short $units)" "$(amount8 $units)" "$(price $cents)" "$(price $cents)"
    printf '"type":%d,"microtimestamp":"%d","buy_order_id":%d,"sell_order_id":%d},' \
      $(((i + i / 3) % 2)) "$micros" $((1960000000000101 + i * 13)) $((1960000000000057 + i * 11))
    printf '"channel":"live_trades_btcusd","event":"trade"}\n'
  done
} >bitstamp-trades-btcusd.jsonl

# diff levels: 1-3 per side within the top 40, ~30% deletes ("0.00000000") that later diffs re-add.
levels() { # levels SIDE(bid|ask) I
  local side=$1 i=$2 count=$((1 + $2 % 3)) j k units out=""
  for ((j = 0; j < count; j++)); do
    if [ "$side" = bid ]; then k=$(((i * 7 + j * 13) % 40)); else k=$(((i * 11 + j * 17) % 40)); fi
    if (((i + j + ${#side}) % 10 < 3)); then units=0; else units=$(((i * 7919 + j * 104729) % 300000000 + 100000)); fi
    [ -n "$out" ] && out+=","
    out+="[\"$(price "$("${side}_cents" $k)")\",\"$(amount8 $units)\"]"
  done
  printf '%s' "$out"
}
# Bitstamp diff_order_book_btcusd (A.3); {seq} is the microtimestamp, filled in by fixture-exchange --flood.
{
  for ((i = 0; i < LINES; i++)); do
    bids=$(levels bid $i)
    asks=$(levels ask $i)
    if ((i % 5 == 0)); then asks=""; elif ((i % 7 == 0)); then bids=""; fi
    printf '{"data":{"timestamp":"1700000000","microtimestamp":"{seq}","bids":[%s],"asks":[%s]},' "$bids" "$asks"
    printf '"channel":"diff_order_book_btcusd","event":"data"}\n'
  done
} >bitstamp-diff-btcusd.jsonl

# The REST snapshot the diffs start from: LEVELS a side, microtimestamp = fixture-exchange's default {seq} start.
{
  printf '{"timestamp": "1700000000", "microtimestamp": "1700000000000000", "bids": ['
  for ((k = 0; k < LEVELS; k++)); do
    ((k > 0)) && printf ', '
    printf '["%s", "%s"]' "$(price "$(bid_cents $k)")" "$(amount8 $(((k * 15485863) % 500000000 + 1000)))"
  done
  printf '], "asks": ['
  for ((k = 0; k < LEVELS; k++)); do
    ((k > 0)) && printf ', '
    printf '["%s", "%s"]' "$(price "$(ask_cents $k)")" "$(amount8 $(((k * 32452843) % 500000000 + 1000)))"
  done
  printf ']}'
} >rest/order-book-btcusd.json

# Bitvavo trades BTC-EUR (exchange-messages.md B.3): ms timestamp, UUID id, string decimals, taker side.
{
  for ((i = 0; i < LINES; i++)); do
    cents=$((7552100 + (i * 7301) % 4001 - 2000))
    units=$(((i * 104729) % 250000000 + 1000))
    side=buy; (((i + i / 3) % 2)) && side=sell
    printf '{"event":"trade","timestamp":%d,"market":"BTC-EUR","id":"%08x-%04x-4%03x-a%03x-%012x",' \
      $((1795000000000 + i * 37)) $((i * 2654435761 % 4294967296)) $((i % 65536)) $((i % 4096)) \
      $(((i * 7) % 4096)) $((i * 1000003))
    printf '"amount":"%s","price":"%s","side":"%s"}\n' "$(amount8 $units)" "$(price $cents)" "$side"
  done
} >bitvavo-trades-btc-eur.jsonl

# A Bitvavo getBook reply (B.5) with LEVELS a side: unpadded prices and amounts, as snapshots are.
{
  printf '{"action":"getBook","requestId":1,"response":{"market":"BTC-EUR","nonce":413297445,"bids":['
  for ((k = 0; k < LEVELS; k++)); do
    ((k > 0)) && printf ','
    printf '["%s","%s"]' "$(price $((7552100 - k * 50)))" "$(amount_short $(((k * 15485863) % 500000000 + 1000)))"
  done
  printf '],"asks":['
  for ((k = 0; k < LEVELS; k++)); do
    ((k > 0)) && printf ','
    printf '["%s","%s"]' "$(price $((7552200 + k * 50)))" "$(amount_short $(((k * 32452843) % 500000000 + 1000)))"
  done
  printf '],"timestamp":1790127496313579360}}'
} >bitvavo-getbook-btc-eur.json
