export * from './image.schema';
export * from './artist.schema';
export * from './paging.schema';
export * from './album.schema';
export * from './search.schema';
export * from './error.schema';
export * from './token.schema';
