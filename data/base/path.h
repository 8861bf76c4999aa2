/* path.h -- file paths built from a folder and a name. */
#ifndef IOP_BASE_PATH_H
#define IOP_BASE_PATH_H

/* "FOLDER/NAME", with no slash added when FOLDER is empty or already ends
 * in one; NULL when memory ran out. The caller frees the result. */
char *path_join(const char *folder, const char *name);

#endif
