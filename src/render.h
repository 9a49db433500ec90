/* The scene: cards area, crawl band, status banner, urgent notice and idle
 * screen, drawn for a given frame number. Text is shaped and rasterised off
 * the frame path (a worker thread, or inline in deterministic mode), uploaded
 * into a fixed pool of textures with a per-frame budget, so drawing a frame
 * costs a handful of texture copies and no allocation. */
#ifndef TK_RENDER_H
#define TK_RENDER_H

#include <SDL.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "font.h"
#include "playlist.h"

struct tk_scene;

struct tk_scene_opts {
	int width, height; /* logical size (after rotation) */
	int fps;	   /* nominal frames per second (card timing) */
	int sync;	   /* 1: no worker thread; everything on demand, deterministic */
	int max_texture;   /* renderer's max texture width (0 = 4096) */
};

/* How an urgent notice fits its bar (tk_scene_urgent_fit). */
struct tk_urgent_fit {
	int usual;   /* the one-line size, px */
	int size;    /* the size used */
	int floor;   /* the smallest size it may take (legible at viewing_distance) */
	int lines;   /* lines shown */
	int shrunk;  /* smaller than the usual two-line size (80 % of usual) */
	int pct;     /* the size used in % of that usual size (100: not made smaller) */
	int cut;     /* does not fit even at the floor: the last line ends in "…" */
	int x, maxw; /* internal: where the text starts, its width */
};

struct tk_scene_stats {
	size_t textures;      /* textures alive */
	size_t texture_bytes; /* their pixels */
	size_t uploads;	      /* texture uploads so far */
	size_t underruns;     /* frames that had to wait for the worker */
	size_t chunks;	      /* crawl chunks produced */
	int widest;	      /* widest texture ever created (<= max_texture) */
};

/* Create the scene for renderer r. Borrows cfg and fonts for its lifetime
 * (fonts are used only by the worker from now on). Takes no playlist yet:
 * until one is set the idle screen shows. Returns TK_OK, TK_ENOMEM, TK_ESDL. */
int tk_scene_create(SDL_Renderer *r, const struct tk_config *cfg, struct tk_fonts *fonts,
		    const struct tk_scene_opts *opts, struct tk_scene **out);
/* Stop the worker and free every texture. Accepts NULL. */
void tk_scene_destroy(struct tk_scene *s);

/* Hand over a new playlist (the scene takes its own reference). The crawl
 * switches at the next item boundary, the cards at the next card. */
void tk_scene_set_playlist(struct tk_scene *s, struct tk_playlist *pl);
/* The same with one playlist for the crawl and another for the cards (the
 * crawl_articles rotation: the newest articles in the crawl, all in cards). */
void tk_scene_set_playlists(struct tk_scene *s, struct tk_playlist *crawl,
			    struct tk_playlist *cards);

/* Set the banner and urgent texts (NULL or "" = none); re-rendered only when
 * they change. */
void tk_scene_set_notices(struct tk_scene *s, const char *status, const char *urgent);
/* The clock text ("14:05"; "" = none), shown where cfg->clock says. The
 * worker renders it (call at most once a minute); the frame only copies it. */
void tk_scene_set_clock(struct tk_scene *s, const char *text);

/* Draw frame number frame (0, 1, 2, ...) into the current render target.
 * Frames must not go backwards. Returns TK_OK or TK_ESDL. */
int tk_scene_draw(struct tk_scene *s, int64_t frame);

/* 1 when the last tk_scene_draw changed anything outside the crawl band
 * (another card, a fade step, a notice): else redrawing and presenting only
 * tk_scene_band() gives the same picture. */
int tk_scene_outside_changed(const struct tk_scene *s);

/* Horizontal crawl offset in pixels at frame (for tests). */
int64_t tk_scene_crawl_offset(const struct tk_scene *s, int64_t frame);

/* From frame on, the crawl moves px (>= 1) pixels a frame, carrying on from
 * where it is at frame (no jump). Main thread. */
void tk_scene_set_speed(struct tk_scene *s, int64_t frame, int px);

/* Lay out urgent text (newlines read as spaces) as the screen would, without
 * drawing: size, lines, whether it had to shrink or would not fit whole.
 * Returns TK_OK. */
int tk_scene_urgent_fit(struct tk_scene *s, const char *text, struct tk_urgent_fit *out);

/* The frame in the middle of card period p (0 = the first card of the
 * playlist set last, when set before any frame was drawn): cards last
 * card_seconds, or their reading time with reading_wpm. */
int64_t tk_scene_card_frame(struct tk_scene *s, int64_t p);
/* Crawl band rectangle in logical coordinates (for tests). */
SDL_Rect tk_scene_band(const struct tk_scene *s);

void tk_scene_stats(const struct tk_scene *s, struct tk_scene_stats *st);

/* Write the renderer's current target (w x h) to a PNG file. Returns TK_OK,
 * TK_EIO or TK_ESDL. */
int tk_render_png(SDL_Renderer *r, int w, int h, const char *path);
/* Read back the current target into a new ARGB8888 buffer of w*h pixels
 * (tk_free it). Returns TK_OK, TK_ENOMEM or TK_ESDL. */
int tk_render_read(SDL_Renderer *r, int w, int h, uint32_t **out);

#endif
