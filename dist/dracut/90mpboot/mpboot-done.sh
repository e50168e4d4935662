#!/bin/sh
# dracut initqueue/finished: done once mpboot-assemble.sh has run.
[ -e /run/mpboot/done ]
