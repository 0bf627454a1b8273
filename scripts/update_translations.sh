#!/bin/sh
# Refresh the translation sources from the code, then compile them for the program.
#
#   scripts/update_translations.sh
#
# lupdate collects every translatable string: the pages' self.tr() texts, the engine's
# messages (QT_TRANSLATE_NOOP in wizard/messages.py and wizard/detection_words.py, context
# "Messages") and the command line's (translate("CommandLine", ...) and QT_TRANSLATE_NOOP in
# wizard/cli), into
# resources/translations/wizard_<language>.ts. Translate new or changed strings there (Qt
# Linguist: .venv/bin/pyside6-linguist), then run this again: lrelease compiles each .ts into
# the .qm file the program loads. Strings no longer in the code are dropped.
set -eu

REPO=$(cd "$(dirname "$0")/.." && pwd)
BIN="$REPO/.venv/bin"
FOLDER="$REPO/resources/translations"
LANGUAGES="en de"

cd "$REPO"
# Sorted, so the .ts files do not change with the order the file system lists sources in.
# wizard/smtp/send.py: the test message's subject and body.
SOURCES=$(find wizard/gui wizard/cli wizard/reporting wizard/smtp/send.py -name '*.py' | sort)
for language in $LANGUAGES; do
    ts="$FOLDER/wizard_$language.ts"
    # English is the source language: only plural forms would need an English "translation".
    only=""
    [ "$language" = en ] && only="-pluralonly"
    # shellcheck disable=SC2086 # $SOURCES is a list of paths without spaces
    "$BIN/pyside6-lupdate" $only -no-obsolete -locations relative -source-language en \
        -target-language "$language" wizard/messages.py wizard/detection_words.py $SOURCES -ts "$ts"
    "$BIN/pyside6-lrelease" -removeidentical "$ts" -qm "$FOLDER/wizard_$language.qm"
done
