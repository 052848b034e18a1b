# DOSSIER_CHECK_CFLAG(FLAG, VARIABLE)
# Append FLAG to VARIABLE when the C compiler accepts it without a warning.
# Written here rather than taken from autoconf-archive so that a bare
# autoconf/automake install can bootstrap the tree.
AC_DEFUN([DOSSIER_CHECK_CFLAG], [
  AC_MSG_CHECKING([whether $CC accepts $1])
  dossier_save_CFLAGS=$CFLAGS
  CFLAGS="$CFLAGS -Werror $1"
  AC_COMPILE_IFELSE([AC_LANG_PROGRAM([], [])],
    [AC_MSG_RESULT([yes]); $2="$$2 $1"],
    [AC_MSG_RESULT([no])])
  CFLAGS=$dossier_save_CFLAGS
])

# DOSSIER_PKG(VAR, MODULE, DEBIAN-PACKAGE)
AC_DEFUN([DOSSIER_PKG], [
  PKG_CHECK_MODULES([$1], [$2], [],
    [AC_MSG_ERROR([$2 not found: install the Debian package $3 (or run ./bootstrap as root)])])
])
