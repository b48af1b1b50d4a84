#ifndef SWITCHYARD_CNCURSESW_SHIM_H
#define SWITCHYARD_CNCURSESW_SHIM_H

/* The wide-character API (cchar_t, setcchar, wget_wch, mvadd_wch) is hidden unless this is defined first. */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Swift cannot import these macros, and Swift 6 rejects reading curses' mutable globals directly. */
static inline attr_t sy_a_bold(void) { return A_BOLD; }
static inline attr_t sy_a_dim(void) { return A_DIM; }
static inline attr_t sy_a_reverse(void) { return A_REVERSE; }
static inline attr_t sy_a_underline(void) { return A_UNDERLINE; }
static inline attr_t sy_a_italic(void) { return A_ITALIC; }
static inline attr_t sy_a_normal(void) { return A_NORMAL; }

static inline WINDOW *sy_stdscr(void) { return stdscr; }
static inline int sy_lines(void) { return LINES; }
static inline int sy_cols(void) { return COLS; }
static inline int sy_colors(void) { return COLORS; }
static inline int sy_color_pairs(void) { return COLOR_PAIRS; }
static inline int sy_key_f(int n) { return KEY_F(n); }

/* Write one cell: a wide character with attributes and an extended colour pair. */
static inline int sy_put_cell(int y, int x, wchar_t ch, attr_t attrs, int pair) {
    cchar_t cell;
    wchar_t text[2] = { ch, L'\0' };
    if (setcchar(&cell, text, attrs, 0, &pair) == ERR) return ERR;
    return mvadd_wch(y, x, &cell);
}

/* Read one key without blocking beyond the configured timeout; returns ERR, OK (char) or KEY_CODE_YES. */
static inline int sy_get_wch(wint_t *out) { return get_wch(out); }

/* The mouse events the dashboard asks for: clicks, double-clicks and the wheel (buttons 4 and 5). */
static inline mmask_t sy_mouse_click(void) { return BUTTON1_CLICKED; }
static inline mmask_t sy_mouse_double_click(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t sy_mouse_wheel_up(void) { return BUTTON4_PRESSED; }
static inline mmask_t sy_mouse_wheel_down(void) {
#ifdef BUTTON5_PRESSED
    return BUTTON5_PRESSED;
#else
    return 0;
#endif
}
static inline int sy_key_mouse(void) { return KEY_MOUSE; }

/* The pending mouse event's cell and button state; ERR when there is none. */
static inline int sy_get_mouse(int *x, int *y, mmask_t *buttons) {
    MEVENT event;
    if (getmouse(&event) != OK) return ERR;
    *x = event.x;
    *y = event.y;
    *buttons = event.bstate;
    return OK;
}

static inline FILE *sy_fdopen_out(int fd) { return fdopen(fd, "w"); }
static inline FILE *sy_fdopen_in(int fd) { return fdopen(fd, "r"); }

#endif
