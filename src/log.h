/* Logging to stderr (journald picks it up). Pure modules never log. */
#ifndef TK_LOG_H
#define TK_LOG_H

enum tk_log_level { TK_LOG_ERROR, TK_LOG_WARN, TK_LOG_INFO, TK_LOG_DEBUG };

/* Messages above level are dropped. Default TK_LOG_INFO. */
void tk_log_set_level(enum tk_log_level level);
enum tk_log_level tk_log_get_level(void);

/* Where messages go instead of stderr: fn(ctx, level, message) for each one
 * not dropped by the level. NULL restores stderr. Tests install a sink to hold
 * back the errors they provoke on purpose, so that a real one stands out. */
typedef void tk_log_sink_fn(void *ctx, enum tk_log_level level, const char *msg);
void tk_log_set_sink(tk_log_sink_fn *fn, void *ctx);

/* Print one line "ticker: <level>: message" (no trailing newline needed). */
void tk_log(enum tk_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
