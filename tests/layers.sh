#!/bin/sh
# The layers, read from the object files' symbol tables (nm):
#   - core/ (core/libcore.a) uses no symbol of tui/;
#   - the verbs (tui/libverbs.a: the command line without a screen) use
#     no symbol of the wizard, and none of curses;
#   - no files of tui/ depend on each other in a circle.
# tui/README says which way each arrow points.  Run by make check from
# the build folder; a test can point it at another with LAYERS_DIR.
set -u
dir=${LAYERS_DIR:-${top_builddir:-.}}
NM=${NM:-nm}

core=$(ls "$dir"/core/libcore_a-*.o 2>/dev/null)
verbs=$(ls "$dir"/tui/libverbs_a-*.o 2>/dev/null)
tui=$(ls "$dir"/tui/dossier-*.o 2>/dev/null)
if [ -z "$core" ] || [ -z "$verbs" ] || [ -z "$tui" ]; then
	echo "layers: no objects under $dir (build first)" >&2
	exit 99
fi

# One line per symbol: LAYER OBJECT U|D SYMBOL.
list() {
	layer=$1
	shift
	for o in "$@"; do
		"$NM" -P -g "$o" | awk -v L="$layer" -v O="$(basename "$o" .o)" '
		    $2 == "U" { print L, O, "U", $1; next }
		    $2 ~ /^[TDBRCVWGS]$/ { print L, O, "D", $1 }'
	done
}

# Symbols of curses: those the program imports from it (versioned by
# ncurses on GNU systems), and a few every curses program uses.
curses() {
	for s in initscr endwin newterm stdscr wgetch get_wch wget_wch \
	    keypad wrefresh waddnstr mvwaddnstr curs_set beep timeout; do
		echo "C $s"
	done
	[ -f "$dir/dossier" ] && "$NM" -D "$dir/dossier" 2>/dev/null |
	    awk '$1 == "U" && $2 ~ /@N?CURSES|@NCURSES|TINFO/ {
		sub(/@.*/, "", $2); print "C", $2 }'
}

# shellcheck disable=SC2086
{ curses; list core $core; list verbs $verbs; list tui $tui; } | awk '
$1 == "C" { iscurses[$2] = 1; next }
{
	layer[$2] = $1
	if ($3 == "D") def[$4] = $2
	else { nref++; rf[nref] = $2; rs[nref] = $4 }
}
END {
	bad = 0
	for (i = 1; i <= nref; i++) {
		o = rf[i]; s = rs[i]
		if (!(s in def)) {
			if (layer[o] == "verbs" && (s in iscurses)) {
				printf "layers: the verbs use curses: %s (%s)\n", o, s
				bad = 1
			}
			continue
		}
		t = def[s]
		if (t == o) continue
		edge[o, t] = 1
		if (!((o, t) in why)) why[o, t] = s
		if (layer[o] == "core" && layer[t] != "core") {
			printf "layers: core uses %s: %s -> %s\n", s, o, t
			bad = 1
		}
		if (layer[o] == "verbs" && layer[t] == "tui") {
			printf "layers: the verbs use the wizard: %s -> %s (%s)\n", o, t, s
			bad = 1
		}
	}
	# Circles: reachability among the files of tui/ (verbs included).
	n = 0
	for (o in layer) if (layer[o] != "core") node[++n] = o
	for (i = 1; i <= n; i++) for (j = 1; j <= n; j++)
		r[i, j] = ((node[i], node[j]) in edge)
	for (k = 1; k <= n; k++) for (i = 1; i <= n; i++) if (r[i, k])
		for (j = 1; j <= n; j++) if (r[k, j]) r[i, j] = 1
	for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
		if (r[i, j] && r[j, i]) {
			printf "layers: circle through %s and %s\n", node[i], node[j]
			bad = 1
		}
	if (!bad) printf "layers: %d objects; core uses no tui symbol, the verbs no wizard or curses symbol, no circle in tui/\n", n
	exit bad
}'
