#!/bin/sh
# Refreshes the gettext catalogs after messages were marked or changed: extracts every `_()`,
# `N_()`, `ngettext()` and `pgettext()` message of data/ and tui/ into the template, merges it
# into each language's .po (new messages arrive untranslated, gone ones are dropped), and
# compiles the .mo files the app reads. Needs Babel (the dev dependencies). Run from the
# project's folder: sh data/i18n/update_catalogs.sh
set -eu
locales=data/i18n/locales
pybabel -q extract -F data/i18n/babel.cfg --no-location --no-wrap --add-comments Translators: \
    --project mission-timeline --copyright-holder "mission-timeline" \
    -o "$locales/mission_timeline.pot" data tui
pybabel -q update -i "$locales/mission_timeline.pot" -d "$locales" -D mission_timeline \
    --no-wrap --no-fuzzy-matching --ignore-obsolete
pybabel -q compile -d "$locales" -D mission_timeline
