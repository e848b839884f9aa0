# Shell functions that locate the Odoo installation behind the `odoo` command.
# Sourced by tests/run and tests/sandbox, so both agree on which Odoo, which Python and
# which addons they use. Each function prints its answer on stdout and returns non-zero
# when it has none; none of them exits, so the caller decides how loudly to fail.
#
# Environment: ODOO_RC (an Odoo config file, optional) is honoured for the addons path.

# The interpreter behind `odoo`: a console script's shebang, else the first python named
# inside a wrapper script (e.g. `exec /opt/odoo/venv/bin/python odoo-bin "$@"`).
odoo_python() {
    local odoo_bin py
    odoo_bin=$(command -v odoo) || return 1
    py=$(head -n1 "$odoo_bin" | sed -n 's/^#! *\([^ ]*python[^ ]*\).*/\1/p')
    if [ -z "$py" ] || ! "$py" -c 'import odoo' 2>/dev/null; then
        py=$(grep -o '/[^ "]*/python[0-9.]*' "$odoo_bin" | head -n1)
    fi
    if [ -z "$py" ] || ! "$py" -c 'import odoo' 2>/dev/null; then
        return 1
    fi
    printf '%s\n' "$py"
}

# Odoo's major version, e.g. "18.0".  Usage: odoo_version PYTHON
odoo_version() {
    "$1" -c 'import odoo.release as r; print(r.major_version)'
}

# Odoo's own addons directories, comma-separated: those of $ODOO_RC when it names any,
# else the ones shipped next to the odoo package.  Usage: odoo_addons_path PYTHON
odoo_addons_path() {
    "$1" - <<'PY'
import os, odoo
from odoo.tools import config
conf = os.environ.get("ODOO_RC")
paths = []
if conf:
    config.parse_config(["-c", conf])
    paths = [p for p in config["addons_path"].split(",") if p]
if not paths:
    root = os.path.dirname(os.path.dirname(odoo.__file__))
    paths = [p for p in (os.path.join(root, "addons"), os.path.join(os.path.dirname(odoo.__file__), "addons"))
             if os.path.isdir(p)]
print(",".join(paths))
PY
}

# The state of MODULE in DB ("installed", "to upgrade", ...); prints nothing when the
# database or the module is missing. Extra arguments (e.g. -c FILE) go to Odoo's config.
# Usage: odoo_module_state PYTHON DB ADDONS_PATH MODULE [odoo options...]
odoo_module_state() {
    local py=$1 db=$2 addons=$3 module=$4
    shift 4
    "$py" - "$db" "$addons" "$module" "$@" 2>/dev/null <<'PY'
import sys
import odoo
from odoo.tools import config
db, addons, module = sys.argv[1:4]
config.parse_config(["--addons-path=" + addons, "-d", db] + sys.argv[4:])
with odoo.sql_db.db_connect(db).cursor() as cr:
    cr.execute("SELECT state FROM ir_module_module WHERE name = %s", [module])
    row = cr.fetchone()
    print(row[0] if row else "")
PY
}
