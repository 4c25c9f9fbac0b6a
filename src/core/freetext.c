/*
 * freetext.c — checks on user free text before it is stored.
 */
#include "core/freetext.h"
#include "base/pnr.h"
#include "base/text.h"

ErrCode freetext_check(const char *field, const char *text, size_t max_chars, bool required, Err *e)
{
    if (is_blank(text)) {
        if (required) return err_set(e, ERR_INVALID, "%s måste fyllas i.", field);
        return ERR_OK;
    }
    if (!utf8_valid(text)) return err_set(e, ERR_INVALID, "%s innehåller ogiltiga tecken (inte UTF-8).", field);
    if (max_chars && utf8_length(text) > max_chars)
        return err_set(e, ERR_INVALID, "%s får vara högst %zu tecken.", field, max_chars);
    if (pnr_find(text, NULL))
        return err_set(e, ERR_INVALID,
                       "%s innehåller ett personnummer eller samordningsnummer. Ta bort det: "
                       "personuppgifter får inte lagras i fritext.",
                       field);
    return ERR_OK;
}
