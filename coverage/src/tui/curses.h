/*
 * The one place that includes curses: ncursesw's header lives in
 * ncursesw/ on some systems and at the top on others.  The wide-character
 * API (get_wch, cchar_t) is required, so ask for it explicitly.
 */
#ifndef DOSSIER_CURSES_H
#define DOSSIER_CURSES_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#if defined(HAVE_NCURSESW_CURSES_H)
#include <ncursesw/curses.h>
#elif defined(HAVE_CURSES_H)
#include <curses.h>
#else
#error "no curses header: install the Debian package libncurses-dev"
#endif

#endif
