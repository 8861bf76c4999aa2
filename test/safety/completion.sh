#!/usr/bin/env bash
# completion.sh -- the bash completion offers the tool's real commands and
# options (it reads them from --help), dates for --week, folders for CLINIC.
completion=$(realpath "${3:?usage: completion.sh IOP_ROSTER CSV_SCAN COMPLETION_FILE}")
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

# Stand-ins for the bash-completion package's helpers, so the test needs
# only bash. (They set the caller's locals, as the real ones do.)
# shellcheck disable=SC2034
_init_completion() {
  words=("${COMP_WORDS[@]}")
  cword=$COMP_CWORD
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD - 1]}
}
_filedir() {
  if [ "${1:-}" = -d ]; then
    COMPREPLY=($(compgen -d -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
compopt() { :; }
# shellcheck source=../../completion/iop-roster
source "$completion"

complete_line() {
  COMP_WORDS=("$iop" "$@")
  COMP_CWORD=$(($# ))
  COMPREPLY=()
  _iop_roster
  printf '%s\n' "${COMPREPLY[@]}"
}

complete_line "" >got.txt
for c in plan check explain diff example; do
  grep -qx "$c" got.txt || fail "command '$c' not offered: $(tr '\n' ' ' <got.txt)"
done
complete_line pl >got.txt
[ "$(cat got.txt)" = plan ] || fail "'pl' completes to $(cat got.txt)"

complete_line plan --q >got.txt
grep -qx -- --quiet got.txt || fail "plan --q does not offer --quiet"
complete_line plan -- >got.txt
for o in --week --time-limit --mode --out --no-previous --help; do
  grep -qx -- "$o" got.txt || fail "plan does not offer $o: $(tr '\n' ' ' <got.txt)"
done
complete_line check -- >got.txt
grep -qx -- --week got.txt || fail "check does not offer --week"
! grep -qx -- --mode got.txt || fail "check offers plan's --mode"

complete_line plan clinic --week "" >got.txt
grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' got.txt || fail "--week offers no dates"
while read -r d; do
  [ "$(date -d "$d" +%u)" = 1 ] || fail "--week offers $d, not a Monday"
done <got.txt
complete_line example dir --size "" >got.txt
grep -qx L got.txt || fail "example --size does not offer L"
complete_line plan clinic --set w_k >got.txt
grep -qx w_keep= got.txt || fail "--set w_k does not offer w_keep="

mkdir -p clinic-a/rosters
small_clinic clinic-a
complete_line plan clin >got.txt
grep -qx clinic-a got.txt || fail "plan does not complete the clinic folder"
complete_line explain clinic-a p0 >got.txt
grep -qx p01 got.txt || fail "explain does not offer patient ids"
say "commands, options, weeks, sizes, settings, folders and ids complete"
