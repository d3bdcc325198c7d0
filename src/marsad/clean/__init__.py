"""Page cleaning and story segmentation: main story, appended stories, boilerplate, stated date."""

from marsad.clean.segment import Layout, segment_page

__all__ = ["Layout", "segment_page"]
